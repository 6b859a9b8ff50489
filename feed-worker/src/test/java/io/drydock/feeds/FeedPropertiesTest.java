package io.drydock.feeds;

import io.drydock.feeds.FeedProperties.Source;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedPropertiesTest {

    private static final URI DEBIAN = URI.create("https://osv-vulnerabilities.storage.googleapis.com/Debian/");

    @Test
    void tellsDirectoriesFromArchivesAndSkipsDisabledSources() {
        FeedProperties properties = properties(List.of(new Source("Debian", DEBIAN, null, null),
                new Source("Maven", URI.create("https://mirror.example/osv/Maven/all.zip"), null, true),
                new Source("npm", null, Path.of("/srv/osv/npm"), false)));

        assertThat(properties.activeSources()).extracting(Source::ecosystem).containsExactly("Debian", "Maven");
        assertThat(properties.sources()).extracting(Source::isDirectoryUrl).containsExactly(true, false, false);
    }

    @Test
    void refusesSourcesThatCannotBeSynced() {
        assertThatThrownBy(() -> properties(List.of(new Source("Debian", DEBIAN, Path.of("/srv"), null))))
                .hasMessageContaining("sources[0] needs exactly one of url and path");
        assertThatThrownBy(() -> properties(List.of(new Source(" ", DEBIAN, null, null))))
                .hasMessageContaining("sources[0].ecosystem is required");
        assertThatThrownBy(() -> properties(List.of(new Source("Debian", URI.create("ftp://mirror/Debian/all.zip"), null, null))))
                .hasMessageContaining("must be http(s)");
        assertThatThrownBy(() -> properties(List.of(new Source("Debian", DEBIAN, null, null),
                new Source("Debian", null, Path.of("/srv/osv/Debian"), null))))
                .hasMessageContaining("sources[1]: ecosystem Debian has a source already");
    }

    @Test
    void configuresNoSourceByDefault() {
        assertThat(properties(null).sources()).isEmpty();
    }

    private static FeedProperties properties(List<Source> sources) {
        return new FeedProperties(true, Duration.ofHours(6), Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofSeconds(60), Duration.ofMinutes(30), Duration.ofMinutes(30), 16 << 20, 2_000_000, sources);
    }
}
