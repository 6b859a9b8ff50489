package io.drydock.platform.analysis;

/**
 * The version of the analysis this build produces. Recorded with every analysis and part of the per-layer cache key;
 * bump it whenever a change makes analyses of the same image differ, so that an admin can re-analyse the images an
 * older version analysed ({@code POST /system/reanalysis}).
 */
public final class AnalyzerVersion {

    public static final String CURRENT = "drydock-analyzer-2";

    private AnalyzerVersion() {
    }
}
