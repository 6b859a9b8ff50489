package io.drydock.policy.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Bundles shipped with Drydock; every new account is seeded with the Anchore default one. */
public final class DefaultBundles {
    private static final String ANCHORE_DEFAULT = "/bundles/anchore_default_bundle.json";

    private DefaultBundles() {}

    /** Anchore's default bundle, with Anchore's ids so that existing references keep working. */
    public static Bundle anchoreDefault() {
        return Bundle.parse(anchoreDefaultJson());
    }

    public static String anchoreDefaultJson() {
        try (InputStream in = DefaultBundles.class.getResourceAsStream(ANCHORE_DEFAULT)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + ANCHORE_DEFAULT);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
