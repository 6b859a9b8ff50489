package io.drydock.analyzer.catalogers.java;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;

/**
 * Checks a zip's end-of-central-directory record and walks its central directory headers before commons-compress
 * reads them: commons-compress keeps one object per header it finds, and finds headers from the declared directory
 * offset until the signature stops matching, whatever the record says. Walking the same way first bounds what it will
 * hold. Layout from PKWARE's APPNOTE.TXT 6.3 (sections 4.3.12, 4.3.14 to 4.3.16).
 */
final class ZipDirectory {

    private static final int EOCD_SIGNATURE = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_EOCD_SIGNATURE = 0x06064b50;
    private static final int CENTRAL_HEADER_SIGNATURE = 0x02014b50;
    private static final int EOCD_LENGTH = 22;
    private static final int ZIP64_LOCATOR_LENGTH = 20;
    private static final int ZIP64_EOCD_LENGTH = 56;
    private static final int CENTRAL_HEADER_LENGTH = 46;
    private static final int MAX_COMMENT = 0xffff;

    private ZipDirectory() {
    }

    /**
     * @return the number of central directory headers
     * @throws InvalidArchiveException when the zip is not one, or its directory is larger than the limits
     */
    static long check(SeekableByteChannel channel, long maxEntries, long maxDirectoryBytes) throws IOException {
        long size = channel.size();
        if (size < EOCD_LENGTH) {
            throw new InvalidArchiveException("is not a zip file (" + size + " bytes)");
        }
        int tailLength = (int) Math.min(size, EOCD_LENGTH + MAX_COMMENT);
        ByteBuffer tail = read(channel, size - tailLength, tailLength);
        int eocd = -1;
        for (int i = tailLength - EOCD_LENGTH; i >= 0; i--) {
            if (tail.getInt(i) == EOCD_SIGNATURE && i + EOCD_LENGTH + (tail.getShort(i + 20) & 0xffff) <= tailLength) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw new InvalidArchiveException("is not a zip file (no end of central directory record)");
        }
        long eocdPosition = size - tailLength + eocd;
        long entries = tail.getShort(eocd + 10) & 0xffff;
        long directorySize = tail.getInt(eocd + 12) & 0xffffffffL;
        long directoryOffset = tail.getInt(eocd + 16) & 0xffffffffL;
        long directoryEnd = eocdPosition;
        if (entries == 0xffff || directorySize == 0xffffffffL || directoryOffset == 0xffffffffL) {
            if (eocdPosition >= ZIP64_LOCATOR_LENGTH) {
                ByteBuffer locator = read(channel, eocdPosition - ZIP64_LOCATOR_LENGTH, ZIP64_LOCATOR_LENGTH);
                if (locator.getInt(0) == ZIP64_LOCATOR_SIGNATURE) {
                    long zip64Position = locator.getLong(8);
                    if (zip64Position < 0 || zip64Position > eocdPosition - ZIP64_LOCATOR_LENGTH - ZIP64_EOCD_LENGTH) {
                        throw new InvalidArchiveException("has a zip64 end of central directory outside the file");
                    }
                    ByteBuffer zip64 = read(channel, zip64Position, ZIP64_EOCD_LENGTH);
                    if (zip64.getInt(0) != ZIP64_EOCD_SIGNATURE) {
                        throw new InvalidArchiveException("has a broken zip64 end of central directory");
                    }
                    entries = zip64.getLong(32);
                    directorySize = zip64.getLong(40);
                    directoryOffset = zip64.getLong(48);
                    directoryEnd = zip64Position;
                }
            }
        }
        if (entries < 0 || entries > maxEntries) {
            throw new InvalidArchiveException("declares " + Long.toUnsignedString(entries)
                    + " entries, more than " + maxEntries + " (limit)");
        }
        if (directoryOffset < 0 || directoryOffset > directoryEnd || directorySize < 0
                || directorySize > directoryEnd - directoryOffset) {
            throw new InvalidArchiveException("has a central directory outside the file");
        }
        if (directoryEnd - directoryOffset > maxDirectoryBytes) {
            throw new InvalidArchiveException("has a central directory of " + (directoryEnd - directoryOffset)
                    + " bytes, more than " + maxDirectoryBytes + " (limit)");
        }
        return countHeaders(channel, directoryOffset, directoryEnd, maxEntries);
    }

    /** Counts headers the way commons-compress finds them: one after another while the signature matches. */
    private static long countHeaders(SeekableByteChannel channel, long from, long to, long maxEntries)
            throws IOException {
        long count = 0;
        long position = from;
        while (position + CENTRAL_HEADER_LENGTH <= to) {
            ByteBuffer header = read(channel, position, CENTRAL_HEADER_LENGTH);
            if (header.getInt(0) != CENTRAL_HEADER_SIGNATURE) {
                break;
            }
            if (++count > maxEntries) {
                throw new InvalidArchiveException("has more than " + maxEntries + " entries (limit)");
            }
            position += CENTRAL_HEADER_LENGTH + (header.getShort(28) & 0xffff) + (header.getShort(30) & 0xffff)
                    + (header.getShort(32) & 0xffff);
        }
        return count;
    }

    private static ByteBuffer read(SeekableByteChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        channel.position(position);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new InvalidArchiveException("ends inside its central directory");
            }
        }
        return buffer.flip();
    }
}
