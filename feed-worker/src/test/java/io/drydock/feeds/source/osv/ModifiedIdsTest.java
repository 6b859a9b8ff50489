package io.drydock.feeds.source.osv;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModifiedIdsTest {

    // Lines as the public bucket's <Ecosystem>/modified_id.csv has them: RFC 3339 time, id, newest first.
    private static final String INDEX = """
            2024-10-22T05:28:58.900249Z,GHSA-h75v-3vvj-5mfj
            2024-06-10T19:01:19Z,PYSEC-2024-1
            2024-06-10T19:01:19Z,PYSEC-2024-2
            2023-01-01T00:00:00Z,PYSEC-2023-9
            """;

    @Test
    void readsDownToTheCursorKeepingRecordsModifiedAtIt() throws Exception {
        assertThat(ModifiedIds.since(reader(INDEX), Instant.parse("2024-06-10T19:01:19Z"), 100))
                .extracting(ModifiedIds.Entry::id).containsExactly("GHSA-h75v-3vvj-5mfj", "PYSEC-2024-1", "PYSEC-2024-2");
        assertThat(ModifiedIds.since(reader(INDEX), Instant.parse("2025-01-01T00:00:00Z"), 100)).isEmpty();
    }

    @Test
    void refusesLinesThatAreNotTimeCommaId() {
        assertThatThrownBy(() -> ModifiedIds.since(reader("yesterday,GHSA-1\n"), Instant.EPOCH, 100))
                .isInstanceOf(FeedSourceException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> ModifiedIds.since(reader("2024-06-10T19:01:19Z,../../etc/passwd\n"), Instant.EPOCH, 100))
                .isInstanceOf(FeedSourceException.class).hasMessageContaining("no OSV id");
        assertThatThrownBy(() -> ModifiedIds.since(reader("2023-01-01T00:00:00Z,A-1\n2024-01-01T00:00:00Z,A-2\n"), Instant.EPOCH, 100))
                .isInstanceOf(FeedSourceException.class).hasMessageContaining("newest first");
    }

    @Test
    void boundsTheNumberOfRecordsFetched() {
        assertThatThrownBy(() -> ModifiedIds.since(reader(INDEX), Instant.EPOCH, 2))
                .isInstanceOf(FeedSourceException.class).hasMessageContaining("more than 2");
    }

    private static BufferedReader reader(String text) {
        return new BufferedReader(new StringReader(text));
    }
}
