package io.drydock.analyzer.layer;

import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * A tar reader that verifies every header's checksum, as GNU tar and Go's archive/tar (and so Docker) do: without it
 * a corrupt or spliced stream is read on as whatever its bytes happen to say.
 */
final class CheckedTarInputStream extends TarArchiveInputStream {

    private static final int TYPE_FLAG_OFFSET = 156;
    private static final byte OLD_GNU_SPARSE = 'S';
    /** Old GNU sparse header: "isextended", after the four sparse structs the header itself holds. */
    private static final int HEADER_EXTENDED_OFFSET = 482;
    /** Sparse extension record: "isextended", after its 21 sparse structs. */
    private static final int EXTENSION_EXTENDED_OFFSET = 504;

    /** The next record continues an old GNU sparse map: it has no checksum of its own. */
    private boolean sparseExtensionNext;

    CheckedTarInputStream(InputStream in) {
        super(in);
    }

    @Override
    protected byte[] readRecord() throws IOException {
        byte[] record = super.readRecord();
        // After the end-of-archive marker the reader only peeks for a second one; what follows is not read.
        if (record == null || isAtEOF() || isEOFRecord(record)) {
            return record;
        }
        if (sparseExtensionNext) {
            sparseExtensionNext = record[EXTENSION_EXTENDED_OFFSET] != 0;
            return record;
        }
        if (!TarUtils.verifyCheckSum(record)) {
            throw new IOException("tar header checksum mismatch after " + getBytesRead() + " bytes");
        }
        sparseExtensionNext = record[TYPE_FLAG_OFFSET] == OLD_GNU_SPARSE && record[HEADER_EXTENDED_OFFSET] != 0;
        return record;
    }
}
