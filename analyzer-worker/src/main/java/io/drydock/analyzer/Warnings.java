package io.drydock.analyzer;

import java.util.ArrayList;
import java.util.List;

/**
 * Non-fatal findings about an image (skipped traversal entries, dangling hard links, …). Bounded: an image with a
 * million bad entries yields the first few warnings and a count, never a million strings.
 */
public final class Warnings {

    private static final int MAX_WARNING_LENGTH = 300;

    private final int max;
    private final List<String> kept = new ArrayList<>();
    private long dropped;

    public Warnings(int max) {
        this.max = max;
    }

    public void add(String warning) {
        if (kept.size() < max) {
            String oneLine = AnalysisFailure.bounded(warning);
            kept.add(oneLine.length() <= MAX_WARNING_LENGTH ? oneLine
                    : oneLine.substring(0, MAX_WARNING_LENGTH - 1) + "…");
        } else {
            dropped++;
        }
    }

    public List<String> toList() {
        List<String> all = new ArrayList<>(kept);
        if (dropped > 0) {
            all.add(dropped + " more warnings omitted");
        }
        return List.copyOf(all);
    }
}
