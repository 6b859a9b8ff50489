package io.drydock.platform.registry;

import java.util.Locale;
import java.util.Objects;

/**
 * The operating system and CPU an image is for, as in an image index entry.
 *
 * @param os           e.g. {@code linux}
 * @param architecture e.g. {@code amd64}, {@code arm64}
 * @param variant      e.g. {@code v8}, {@code v7}; null when any variant will do (or the entry names none)
 */
public record Platform(String os, String architecture, String variant) {

    /** What Anchore analyses when a tag points at a multi-platform index and nothing else was asked for. */
    public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null);

    public Platform {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
        os = os.toLowerCase(Locale.ROOT);
        architecture = normaliseArchitecture(architecture.toLowerCase(Locale.ROOT));
        variant = variant == null || variant.isBlank() ? null : variant.toLowerCase(Locale.ROOT);
    }

    /** Parses {@code os/architecture[/variant]}, e.g. {@code linux/arm64/v8}. */
    public static Platform parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("platform must be os/architecture[/variant]: '" + text + "'");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    /**
     * Whether an index entry for {@code candidate} can serve a request for this platform. A request without a variant
     * takes any variant; {@code arm64} without a variant is {@code arm64/v8} (the only one there is in practice).
     */
    public boolean accepts(Platform candidate) {
        if (!os.equals(candidate.os) || !architecture.equals(candidate.architecture)) {
            return false;
        }
        if (variant == null) {
            return true;
        }
        return variant.equals(effectiveVariant(candidate));
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant != null ? "/" + variant : "");
    }

    private static String effectiveVariant(Platform platform) {
        if (platform.variant == null && "arm64".equals(platform.architecture)) {
            return "v8";
        }
        return platform.variant;
    }

    // Index entries use Go's GOARCH names; some tools write the kernel's names instead.
    private static String normaliseArchitecture(String architecture) {
        return switch (architecture) {
            case "x86_64", "x86-64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> architecture;
        };
    }
}
