package io.drydock.analyzer.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.drydock.analyzer.layer.LayerDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageHistoryTest {

    @Test
    void pairsNonEmptyStepsWithLayersInOrderAndMarksTheRestMissing() {
        ImageConfig config = new ImageConfigParser().parse(ImageConfigParserTest.resource("nginx-classic-config.json"));
        String gzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";
        List<LayerDescriptor> layers = List.of(
                new LayerDescriptor("sha256:" + "a".repeat(64), gzip, 29),
                new LayerDescriptor("sha256:" + "b".repeat(64), gzip, 41),
                new LayerDescriptor("sha256:" + "c".repeat(64), gzip, 6),
                new LayerDescriptor("sha256:" + "d".repeat(64), gzip, 2));

        ImageHistory history = ImageHistory.of(config.history(), layers, List.of(74_000_000L, 62_000_000L, 1_600L,
                2_100L));

        assertThat(history.dockerHistory()).hasSize(13);
        assertThat(history.dockerHistory()).filteredOn(entry -> !entry.id().equals(DockerHistoryEntry.MISSING_ID))
                .extracting(DockerHistoryEntry::id, DockerHistoryEntry::size)
                .containsExactly(tuple("sha256:" + "a".repeat(64), 74_000_000L),
                        tuple("sha256:" + "b".repeat(64), 62_000_000L),
                        tuple("sha256:" + "c".repeat(64), 1_600L),
                        tuple("sha256:" + "d".repeat(64), 2_100L));
        assertThat(history.dockerHistory().get(1).id()).isEqualTo("<missing>");
        assertThat(history.dockerHistory().get(1).size()).isZero();
        assertThat(history.layerCreatedBy().get(1)).startsWith("/bin/sh -c set -x");
    }

    @Test
    void leavesLayersWithoutHistoryUnexplained() {
        List<LayerDescriptor> layers = List.of(new LayerDescriptor("sha256:" + "a".repeat(64), "x", 1));

        ImageHistory history = ImageHistory.of(List.of(), layers, List.of(10L));

        assertThat(history.dockerHistory()).isEmpty();
        assertThat(history.layerCreatedBy()).containsExactly((String) null);
    }
}
