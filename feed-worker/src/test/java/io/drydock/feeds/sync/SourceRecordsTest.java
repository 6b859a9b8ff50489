package io.drydock.feeds.sync;

import io.drydock.feeds.OsvArchives;
import io.drydock.feeds.source.osv.DirectoryRecordSet;
import io.drydock.feeds.source.osv.FeedSourceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceRecordsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path directory;

    @Test
    void splitsADistroRecordIntoOneGroupPerRelease() throws Exception {
        SourceRecords records = validate("Ubuntu", Map.of("UBUNTU-CVE-2016-2781", OsvArchives.record("Ubuntu", "UBUNTU-CVE-2016-2781")));

        assertThat(records.groups()).containsKeys("ubuntu:20.04", "ubuntu:22.04", "ubuntu:24.04");
        SourceRecords.Group jammy = records.groups().get("ubuntu:22.04");
        assertThat(jammy.ecosystem()).isEqualTo("Ubuntu:22.04:LTS");
        assertThat(jammy.records().get("UBUNTU-CVE-2016-2781").keys()).containsExactly("Ubuntu:22.04:LTS/coreutils");
    }

    @Test
    void keysAStreamOfARedHatReleaseByTheReleaseAnImageResolvesTo() throws Exception {
        // A real Debian record moved to a Red Hat stream: OSV names RHEL packages per stream (::baseos, ::appstream),
        // while an image resolves to the release; both must meet on one matching key.
        ObjectNode record = (ObjectNode) JSON.readTree(OsvArchives.record("Debian", "DSA-5514-1"));
        ((ObjectNode) record.get("affected").get(0).get("package")).put("ecosystem", "Red Hat:enterprise_linux:9::baseos");

        SourceRecords records = validate("Red Hat", Map.of("DSA-5514-1", JSON.writeValueAsBytes(record)));

        assertThat(records.groups()).containsOnlyKeys("rhel:9");
        assertThat(records.groups().get("rhel:9").ecosystem()).isEqualTo("Red Hat:enterprise_linux:9");
        assertThat(records.groups().get("rhel:9").records().get("DSA-5514-1").keys()).containsExactly("Red Hat:enterprise_linux:9/glibc");
    }

    @Test
    void indexesOnlyTheEntriesOfTheSourcesEcosystem() throws Exception {
        SourceRecords records = validate("Alpine", Map.of("ALPINE-CVE-2023-5363", OsvArchives.record("Alpine", "ALPINE-CVE-2023-5363"),
                "GHSA-vh95-rmgr-6w4m", OsvArchives.record("npm", "GHSA-vh95-rmgr-6w4m")));

        assertThat(records.groups()).containsOnlyKeys("alpine:3.17", "alpine:3.18");
        assertThat(records.ids()).containsExactlyInAnyOrder("ALPINE-CVE-2023-5363", "GHSA-vh95-rmgr-6w4m");
    }

    @Test
    void refusesARecordIdThatAppearsTwice() throws Exception {
        byte[] record = OsvArchives.record("npm", "GHSA-vh95-rmgr-6w4m");

        assertThatThrownBy(() -> validate("npm", Map.of("first", record, "second", record)))
                .isInstanceOf(FeedSourceException.class).hasMessageContaining("GHSA-vh95-rmgr-6w4m appears twice");
    }

    private SourceRecords validate(String ecosystem, Map<String, byte[]> files) throws Exception {
        Path source = Files.createTempDirectory(directory, "source");
        OsvArchives.directory(source, files);
        try (DirectoryRecordSet set = DirectoryRecordSet.open(source, false, 1 << 20, 100)) {
            return SourceRecords.validate(set, ecosystem, JSON);
        }
    }
}
