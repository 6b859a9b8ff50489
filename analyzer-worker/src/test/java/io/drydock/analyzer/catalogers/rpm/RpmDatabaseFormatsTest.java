package io.drydock.analyzer.catalogers.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.drydock.analyzer.AnalysisFailure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Berkeley DB and NDB databases, and damaged or crafted databases and headers of all three formats.
 *
 * <p>Debian's rpm writes only sqlite databases. Berkeley DB hash files are written here by libdb itself
 * ({@code db5.3_load}, Debian package db5.3-util) from real rpm headers and read back by Debian's rpm; real databases
 * of both formats from public test suites (syft, go-rpmdb) are read too when they are kept beside the project in
 * {@code shared/fixtures/rpmdb} (NDB has no writer on Debian at all), and the tests that need them report a skip when
 * they are absent. Crafted inputs are built here from the formats' layouts (Berkeley DB: libdb
 * {@code dbinc/db_page.h}; NDB: rpm {@code lib/backend/ndb/rpmpkg.c}; headers: rpm's header format documentation).
 */
class RpmDatabaseFormatsTest {

    private static final Path FIXTURES = Path.of("").toAbsolutePath().getParent().getParent()
            .resolve("shared/fixtures/rpmdb");

    @TempDir
    Path temp;

    private static byte[] fixture(String name) throws IOException {
        Path file = FIXTURES.resolve(name);
        assumeTrue(Files.isRegularFile(file), "skipped: the real rpm database " + file + " is not present (it comes"
                + " from a public test suite; Debian's rpm cannot write this format)");
        return Files.readAllBytes(file);
    }

    private static List<RpmPackage> read(String path, byte[] content) {
        List<RpmPackage> packages = new ArrayList<>();
        RpmCataloger.read(path, content, true, packages::add);
        return packages;
    }

    @Test
    void readsRealBerkeleyDbDatabasesAsRpmDoes() throws Exception {
        for (String name : List.of("bdb-dive.Packages", "bdb-libuuid.Packages")) {
            Path dir = Files.createDirectories(temp.resolve(name));
            Files.write(dir.resolve("Packages"), fixture(name));

            assertReadsBerkeleyDbAsRpmDoes(dir, 1);
        }
    }

    /**
     * Real Berkeley DB hash databases written by libdb's own {@code db5.3_load} (Debian package db5.3-util) from the
     * header blobs of a real rpm database, with rpm's key-0 counter record: small pages (long overflow chains), large
     * pages (headers stored on the hash page itself) and big-endian byte order. Debian's rpm reads them back.
     */
    @Test
    void readsBerkeleyDbDatabasesThatLibdbWroteAsRpmDoes() throws Exception {
        List<byte[]> blobs = realHeaderBlobs();
        for (String layout : List.of("512 1234", "65536 1234", "4096 4321")) {
            String[] settings = layout.split(" ");
            Path dir = libdbWritten(blobs, Integer.parseInt(settings[0]), Integer.parseInt(settings[1]));

            assertReadsBerkeleyDbAsRpmDoes(dir, 9);
        }
    }

    /** The header blobs of the real sqlite database of all test packages. */
    private List<byte[]> realHeaderBlobs() throws IOException, InterruptedException {
        Path root = temp.resolve("blobs-root");
        RealRpmDatabase.installInto(root, RealRpmDatabase.packages().rpmFiles("drydock-"));
        List<byte[]> blobs = new ArrayList<>();
        SqliteDatabase.forEachPackageBlob(RealRpmDatabase.sqliteOf(root), blobs::add);
        return blobs;
    }

    /** A {@code Packages} file that libdb wrote (db_dump's bytevalue format in, as rpm keys it: 4-byte instances). */
    private Path libdbWritten(List<byte[]> blobs, int pageSize, int byteOrder)
            throws IOException, InterruptedException {
        StringBuilder dump = new StringBuilder("VERSION=3\nformat=bytevalue\ntype=hash\ndb_pagesize=" + pageSize
                + "\ndb_lorder=" + byteOrder + "\nHEADER=END\n 00000000\n 0a000000\n");
        for (int i = 0; i < blobs.size(); i++) {
            dump.append(' ').append(HexFormat.of().formatHex(ByteBuffer.allocate(4)
                    .order(ByteOrder.LITTLE_ENDIAN).putInt(i + 1).array())).append("\n ")
                    .append(HexFormat.of().formatHex(blobs.get(i))).append('\n');
        }
        dump.append("DATA=END\n");
        Path dir = Files.createDirectories(temp.resolve("bdb-" + pageSize + "-" + byteOrder));
        Path dumpFile = Files.writeString(dir.resolve("Packages.dump"), dump);
        RealRpmDatabase.run(dir, "db5.3_load", "-f", dumpFile.toString(), dir.resolve("Packages").toString());
        return dir;
    }

    private static void assertReadsBerkeleyDbAsRpmDoes(Path dir, int packages) throws Exception {
        List<String> rpms = RealRpmDatabase.queryBerkeleyDb(dir, RealRpmDatabase.QUERY_FORMAT).lines().sorted()
                .toList();
        List<String> files = RealRpmDatabase.filesWithoutDirectories(
                RealRpmDatabase.queryBerkeleyDb(dir, RealRpmDatabase.FILES_FORMAT));

        List<RpmPackage> ours = read("var/lib/rpm/Packages", Files.readAllBytes(dir.resolve("Packages")));

        assertThat(ours).extracting(RealRpmDatabase::queryLine).hasSize(packages)
                .containsExactlyInAnyOrderElementsOf(rpms);
        assertThat(RealRpmDatabase.fileLines(ours)).isNotEmpty().containsExactlyElementsOf(files);
    }

    @Test
    void readsARealNdbDatabase() throws Exception {
        byte[] database = fixture("ndb-sle15-bci.Packages.db");
        List<String> expected = fixtureLines("ndb-sle15-bci.expected.tsv").stream()
                .skip(1)
                .map(expectedLine -> expectedLine.split("\t", -1))
                // epoch name version release arch sourcerpm size license vendor ...
                .map(f -> String.join("\t", f[1], f[0], f[2], f[3], f[4], f[5], f[7], f[6], f[8]))
                .sorted()
                .toList();

        List<String> ours = read("usr/lib/sysimage/rpm/Packages.db", database).stream()
                .map(RealRpmDatabase::queryLine).sorted().toList();

        assertThat(ours).hasSize(35).containsExactlyElementsOf(expected);
    }

    private static List<String> fixtureLines(String name) throws IOException {
        return new String(fixture(name), StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void survivesDamageToRealDatabasesOfEveryFormat() throws Exception {
        Path root = temp.resolve("root");
        RealRpmDatabase.installInto(root, RealRpmDatabase.packages().rpmFiles("drydock-"));
        damage("var/lib/rpm/rpmdb.sqlite", RealRpmDatabase.sqliteOf(root));
        damage("var/lib/rpm/Packages",
                Files.readAllBytes(libdbWritten(realHeaderBlobs(), 4096, 1234).resolve("Packages")));
        for (String name : List.of("bdb-dive.Packages", "bdb-libuuid.Packages", "ndb-sle15-bci.Packages.db")) {
            if (Files.isRegularFile(FIXTURES.resolve(name))) {
                damage(name.endsWith(".db") ? "usr/lib/sysimage/rpm/Packages.db" : "var/lib/rpm/Packages",
                        fixture(name));
            }
        }
    }

    /**
     * Flips random bytes (seeded, so a failure repeats) in the structural part of the file and truncates it at random
     * lengths: each read must either succeed or fail with the cataloger's clear error, quickly, never with an index,
     * arithmetic or memory error.
     */
    private static void damage(String path, byte[] database) {
        Random random = new Random(path.hashCode());
        int failures = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            int failed = 0;
            for (int round = 0; round < 300; round++) {
                byte[] copy = database.clone();
                int flips = 1 + random.nextInt(8);
                int span = Math.min(copy.length, 64 * 1024);
                for (int i = 0; i < flips; i++) {
                    copy[random.nextInt(span)] = (byte) random.nextInt(256);
                }
                if (round % 10 == 0) {
                    copy = Arrays.copyOf(copy, random.nextInt(copy.length));
                }
                failed += readOrFailClearly(path, copy) ? 0 : 1;
            }
            return failed;
        }, () -> "reading damaged copies of " + path + " took too long");
        assertThat(failures).as("damaged copies of %s that failed to read", path).isPositive();
    }

    private static boolean readOrFailClearly(String path, byte[] content) {
        try {
            read(path, content);
            return true;
        } catch (AnalysisFailure e) {
            assertThat(e).hasCauseInstanceOf(RpmDatabaseException.class)
                    .hasMessageStartingWith("rpm database /" + path + " is unreadable: ");
            return false;
        }
    }

    @Test
    void rejectsALoopInTheSqliteBtree() throws Exception {
        Path root = temp.resolve("root");
        RealRpmDatabase.installInto(root, RealRpmDatabase.packages().rpmFiles("drydock-"));
        byte[] sqlite = RealRpmDatabase.sqliteOf(root);
        int pageSize = ((sqlite[16] & 0xff) << 8) | (sqlite[17] & 0xff);
        int rootPage = SqliteDatabase.packagesRootPage(sqlite);
        // The interior page's right-most child pointer (page header offset 8) now names the page itself.
        ByteBuffer.wrap(sqlite).putInt((rootPage - 1) * pageSize + 8, rootPage);

        assertThatThrownBy(() -> SqliteDatabase.forEachPackageBlob(sqlite, blob -> { }))
                .isInstanceOf(RpmDatabaseException.class)
                .hasMessage("b-tree reaches page " + rootPage + " twice: the tree has a loop");
    }

    @Test
    void rejectsFilesThatAreNotSqliteDatabases() {
        assertThatThrownBy(() -> SqliteDatabase.forEachPackageBlob(new byte[4096], blob -> { }))
                .isInstanceOf(RpmDatabaseException.class)
                .hasMessage("not an SQLite 3 database (no 'SQLite format 3' header)");
    }

    /** A Berkeley DB hash file of 512-byte pages: metadata, one hash page with a key and an off-page value. */
    private static byte[] berkeleyDb(int overflowBytes, int valueLength, int nextOverflowPage) {
        int pageSize = 512;
        ByteBuffer db = ByteBuffer.allocate(3 * pageSize).order(ByteOrder.LITTLE_ENDIAN);
        db.putInt(12, 0x061561).putInt(20, pageSize).put(25, (byte) 8).putInt(32, 2);
        int hash = pageSize;
        db.putShort(hash + 20, (short) 2).put(hash + 25, (byte) 13);
        db.putShort(hash + 26, (short) 507).putShort(hash + 28, (short) 495);
        db.put(hash + 507, (byte) 1).putInt(hash + 508, 1);
        db.put(hash + 495, (byte) 3).putInt(hash + 499, 2).putInt(hash + 503, valueLength);
        int overflow = 2 * pageSize;
        db.putInt(overflow + 16, nextOverflowPage).putShort(overflow + 22, (short) overflowBytes)
                .put(overflow + 25, (byte) 7);
        return db.array();
    }

    @Test
    void endsASelfLinkedBerkeleyDbOverflowChainWithinTheValuesLength() {
        byte[] db = berkeleyDb(100, 1000, 2);
        List<byte[]> values = new ArrayList<>();

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> BerkeleyDbHash.forEachValue(db, values::add));

        assertThat(values).singleElement().satisfies(value -> assertThat(value).hasSize(1000));
        assertThatThrownBy(() -> RpmCataloger.read("var/lib/rpm/Packages", db, true, pkg -> { }))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessage("rpm database /var/lib/rpm/Packages is unreadable: package header claims 0 entries and 0"
                        + " data bytes, outside rpm's bounds");
    }

    @Test
    void rejectsBerkeleyDbValuesLargerThanTheFileOrChainsLeavingIt() {
        assertThatThrownBy(() -> BerkeleyDbHash.forEachValue(berkeleyDb(100, Integer.MAX_VALUE, 0), value -> { }))
                .isInstanceOf(RpmDatabaseException.class)
                .hasMessage("hash page 1 has a 2147483647-byte value, larger than the file");
        assertThatThrownBy(() -> BerkeleyDbHash.forEachValue(berkeleyDb(100, 1000, 9), value -> { }))
                .isInstanceOf(RpmDatabaseException.class)
                .hasMessage("overflow chain from hash page 1 points to page 9 outside the database's 3 pages");
        assertThatThrownBy(() -> BerkeleyDbHash.forEachValue(berkeleyDb(0, 1000, 2), value -> { }))
                .isInstanceOf(RpmDatabaseException.class)
                .hasMessage("overflow page 2 claims 0 bytes");
    }

    /** An NDB file: header and one slot page, then one blob of {@code blobLength} bytes in the given blocks. */
    private static byte[] ndb(int slotPages, int blockOffset, int blockCount, int blobLength) {
        ByteBuffer db = ByteBuffer.allocate(3 * 4096).order(ByteOrder.LITTLE_ENDIAN);
        db.put(0, "RpmP".getBytes(StandardCharsets.US_ASCII)).putInt(12, slotPages);
        for (int slot = 32; slot < 4096; slot += 16) {
            db.put(slot, "Slot".getBytes(StandardCharsets.US_ASCII));
        }
        db.putInt(36, 7).putInt(40, blockOffset).putInt(44, blockCount);
        db.put(4096, "BlbS".getBytes(StandardCharsets.US_ASCII)).putInt(4100, 7).putInt(4108, blobLength);
        return db.array();
    }

    @Test
    void rejectsNdbSlotsAndBlobsOutsideTheFile() {
        assertThat(collect(ndb(1, 256, 4, 8), NdbDatabase::forEachBlob)).singleElement()
                .satisfies(blob -> assertThat(blob).hasSize(8));
        assertThatThrownBy(() -> NdbDatabase.forEachBlob(ndb(1_000_000, 256, 4, 8), blob -> { }))
                .isInstanceOf(RpmDatabaseException.class)
                .hasMessage("rpm NDB header claims 1000000 slot pages, beyond the 12288-byte file");
        assertThatThrownBy(() -> NdbDatabase.forEachBlob(ndb(1, 0x7fffffff, 4, 8), blob -> { }))
                .isInstanceOf(RpmDatabaseException.class)
                .hasMessageStartingWith("rpm NDB blob of package 7 at offset 34359738352 (64 bytes) lies outside");
        assertThatThrownBy(() -> NdbDatabase.forEachBlob(ndb(1, 256, 4, 1000), blob -> { }))
                .isInstanceOf(RpmDatabaseException.class)
                .hasMessage("rpm NDB blob of package 7 claims 1000 bytes, more than its 64-byte blocks hold");
    }

    private static List<byte[]> collect(byte[] file, java.util.function.BiConsumer<byte[], Consumer<byte[]>> reader) {
        List<byte[]> blobs = new ArrayList<>();
        reader.accept(file, blobs::add);
        return blobs;
    }

    /** A header blob: index entries {tag, type, offset, count} and the data store. */
    private static byte[] header(int[][] entries, byte[] data) {
        ByteBuffer blob = ByteBuffer.allocate(8 + 16 * entries.length + data.length);
        blob.putInt(entries.length).putInt(data.length);
        for (int[] entry : entries) {
            for (int value : entry) {
                blob.putInt(value);
            }
        }
        return blob.put(data).array();
    }

    @Test
    void readsACraftedHeaderAndRejectsBrokenOnes() {
        byte[] strings = "name\0001.0\0".getBytes(StandardCharsets.US_ASCII);
        RpmPackage pkg = RpmPackage.from(RpmHeader.parse(header(
                new int[][] {{RpmHeader.NAME, 6, 0, 1}, {RpmHeader.VERSION, 6, 5, 1}}, strings)), true);
        assertThat(pkg.fullVersion()).isEqualTo("1.0");

        byte[] unterminated = "name".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> RpmHeader.parse(header(new int[][] {{RpmHeader.NAME, 6, 0, 1}}, unterminated))
                .string(RpmHeader.NAME))
                .isInstanceOf(RpmDatabaseException.class)
                .hasMessage("string of tag 1000 runs past the header's data");
        assertThatThrownBy(() -> RpmHeader.parse(header(new int[][] {{RpmHeader.DIRINDEXES, 4, 0, 0x3fffffff}},
                new byte[16])).integers(RpmHeader.DIRINDEXES))
                .isInstanceOf(RpmDatabaseException.class)
                .hasMessage("tag 1116 claims 1073741823 elements, more than 1000000 (limit)");
        assertThatThrownBy(() -> RpmHeader.parse(header(new int[][] {{RpmHeader.NAME, 6, 99, 1}}, strings)))
                .isInstanceOf(RpmDatabaseException.class)
                .hasMessage("package header entry for tag 1000 points at offset 99 outside its 9-byte data");
        byte[] tooShort = Arrays.copyOf(header(new int[][] {{RpmHeader.NAME, 6, 0, 1}}, strings), 20);
        assertThatThrownBy(() -> RpmHeader.parse(tooShort))
                .isInstanceOf(RpmDatabaseException.class)
                .hasMessage("package header claims 1 entries and 9 data bytes, more than its 20 bytes");
    }

    @Test
    void rejectsFileIndexesPointingPastTheDirectories() {
        byte[] data = ByteBuffer.allocate(32).put("x\0/usr/\0a\0".getBytes(StandardCharsets.US_ASCII))
                .putInt(12, 5).array();
        byte[] blob = header(new int[][] {
                {RpmHeader.NAME, 6, 0, 1}, {RpmHeader.VERSION, 6, 0, 1}, {RpmHeader.DIRNAMES, 8, 2, 1},
                {RpmHeader.BASENAMES, 8, 8, 1}, {RpmHeader.DIRINDEXES, 4, 12, 1}}, data);

        assertThatThrownBy(() -> RpmPackage.from(RpmHeader.parse(blob), true))
                .isInstanceOf(RpmDatabaseException.class)
                .hasMessage("package x points file a at directory 5 of 1");
    }
}
