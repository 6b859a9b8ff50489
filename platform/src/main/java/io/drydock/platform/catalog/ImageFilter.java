package io.drydock.platform.catalog;

/** Filters of an image listing; null means any. */
public record ImageFilter(String imageStatus, AnalysisStatus analysisStatus) {

    public static ImageFilter active() {
        return new ImageFilter("active", null);
    }
}
