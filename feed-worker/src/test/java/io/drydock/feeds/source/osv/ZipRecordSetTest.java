package io.drydock.feeds.source.osv;

import io.drydock.feeds.OsvArchives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZipRecordSetTest {

    private static final byte[] RECORD = OsvArchives.record("npm", "GHSA-vh95-rmgr-6w4m");

    @TempDir
    Path directory;

    @Test
    void readsTheJsonEntriesOfACompleteArchive() throws Exception {
        Path file = Files.write(directory.resolve("all.zip"), OsvArchives.zip(Map.of("GHSA-vh95-rmgr-6w4m", RECORD)));

        try (ZipRecordSet records = ZipRecordSet.open(file, false, 1 << 20, 10)) {
            assertThat(records.names()).containsExactly("GHSA-vh95-rmgr-6w4m.json");
            assertThat(records.read("GHSA-vh95-rmgr-6w4m.json")).isEqualTo(RECORD);
        }
        assertThat(file).exists();
    }

    @Test
    void refusesATruncatedArchiveAndDeletesTheDownload() throws Exception {
        byte[] zip = OsvArchives.zip(Map.of("GHSA-vh95-rmgr-6w4m", RECORD));
        Path file = Files.write(directory.resolve("all.zip"), Arrays.copyOf(zip, zip.length - 10));

        assertThatThrownBy(() -> ZipRecordSet.open(file, true, 1 << 20, 10))
                .isInstanceOf(FeedSourceException.class).hasMessageContaining("not a complete zip archive");
        assertThat(file).doesNotExist();
    }

    @Test
    void refusesRecordsLargerThanTheLimit() throws Exception {
        Path file = Files.write(directory.resolve("all.zip"), OsvArchives.zip(Map.of("GHSA-vh95-rmgr-6w4m", RECORD)));

        try (ZipRecordSet records = ZipRecordSet.open(file, false, 100, 10)) {
            assertThatThrownBy(() -> records.read("GHSA-vh95-rmgr-6w4m.json"))
                    .isInstanceOf(FeedSourceException.class).hasMessageContaining("larger than 100 bytes");
        }
    }
}
