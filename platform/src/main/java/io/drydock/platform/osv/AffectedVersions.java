package io.drydock.platform.osv;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.drydock.platform.versions.GoVersionComparator;
import io.drydock.platform.versions.InvalidVersionException;
import io.drydock.platform.versions.SemVerComparator;
import io.drydock.platform.versions.VersionComparator;
import io.drydock.platform.versions.VersionComparators;

/**
 * Whether a version is affected by one {@code affected[]} entry, by the OSV schema's evaluation rules
 * (https://ossf.github.io/osv-schema/#evaluation): a version listed in {@code versions} is affected; a range affects a
 * version when, its events sorted by version ({@code introduced: "0"} first), the last {@code introduced} at or below
 * the version is not followed by a {@code fixed} at or below it or a {@code last_affected} below it, and the version
 * is below one of the range's {@code limit}s (if it has any; {@code "*"} is no limit). GIT ranges are ignored: an
 * installed package has a version, not a commit.
 *
 * <p>Versions are ordered by the ecosystem's comparator ({@link VersionComparators}) for ECOSYSTEM ranges and by
 * Semantic Versioning ({@link SemVerComparator#SEMVER}, a leading {@code v} tolerated) for SEMVER ranges. Go is the
 * exception: its ranges are typed SEMVER but Go orders module versions with {@code golang.org/x/mod/semver}, so every
 * Go range uses {@link GoVersionComparator} with the {@code v} that OSV's Go records leave out (and {@code go1.x}
 * toolchain versions read as {@code v1.x}). Wolfi and Chainguard publish apk-tools versions and are compared as
 * Alpine's.
 */
public final class AffectedVersions {

    private static final GoVersionComparator GO = new GoVersionComparator();

    private AffectedVersions() {
    }

    /**
     * @param affected       the version is affected
     * @param fixedVersions  the version that ends the affected interval containing the version, for each range that
     *                       contains it (empty: no fix known, or affected only by the {@code versions} list)
     * @param comparable     false when the version (or a range's versions) could not be compared in the ecosystem and
     *                       nothing else showed the version affected; then {@code affected} is false and
     *                       {@code problem} says why
     * @param problem        why the version could not be compared, else null
     */
    public record Verdict(boolean affected, List<String> fixedVersions, boolean comparable, String problem) {

        public Verdict {
            fixedVersions = List.copyOf(fixedVersions);
        }

        static final Verdict NOT_AFFECTED = new Verdict(false, List.of(), true, null);
    }

    /** Evaluates one affected entry for a version. */
    public static Verdict evaluate(OsvAffected affected, String version) {
        boolean listed = false;
        Set<String> fixes = new LinkedHashSet<>();
        boolean inRange = false;
        Set<String> problems = new LinkedHashSet<>();
        for (int i = 0; i < affected.ranges().size(); i++) {
            OsvRange range = affected.ranges().get(i);
            if (range.type() == OsvRange.Type.GIT) {
                continue;
            }
            Optional<Ordering> rangeOrdering = ordering(affected.ecosystem(), range.type());
            if (rangeOrdering.isEmpty()) {
                problems.add("no version ordering for ecosystem '" + affected.ecosystem() + "'");
                continue;
            }
            try {
                Optional<Interval> interval = interval(rangeOrdering.get(), range, version);
                if (interval.isPresent()) {
                    inRange = true;
                    interval.get().fix().ifPresent(fixes::add);
                }
            } catch (InvalidVersionException e) {
                problems.add("ranges[" + i + "]: " + e.getMessage());
            }
        }
        for (String listedVersion : affected.versions()) {
            if (sameVersion(affected.ecosystem(), listedVersion, version)) {
                listed = true;
                break;
            }
        }
        if (inRange || listed) {
            return new Verdict(true, List.copyOf(fixes), true, null);
        }
        if (!problems.isEmpty()) {
            return new Verdict(false, List.of(), false, String.join("; ", problems));
        }
        return Verdict.NOT_AFFECTED;
    }

    /**
     * As {@link #evaluate(OsvAffected, String)}, except that a withdrawn record affects nothing (OSV: a withdrawn
     * entry should be ignored).
     */
    public static Verdict evaluate(OsvRecord record, OsvAffected affected, String version) {
        return record.isWithdrawn() ? Verdict.NOT_AFFECTED : evaluate(affected, version);
    }

    /** How one range's versions are ordered: a comparator and the spelling it needs. */
    private record Ordering(VersionComparator comparator, UnaryOperator<String> spelling) {

        int compare(String left, String right) {
            return comparator.compare(spelling.apply(left), spelling.apply(right));
        }
    }

    private static Optional<Ordering> ordering(String ecosystem, OsvRange.Type type) {
        String base = MatchKeys.base(ecosystem);
        if (base.equals("Go")) {
            return Optional.of(new Ordering(GO, AffectedVersions::goSpelling));
        }
        if (type == OsvRange.Type.SEMVER) {
            return Optional.of(new Ordering(SemVerComparator.SEMVER, AffectedVersions::withoutV));
        }
        if (base.equals("Wolfi") || base.equals("Chainguard")) {
            return VersionComparators.forEcosystem("Alpine").map(c -> new Ordering(c, UnaryOperator.identity()));
        }
        return VersionComparators.forEcosystem(ecosystem).map(c -> new Ordering(c, UnaryOperator.identity()));
    }

    /** The affected interval of a range that contains a version, and the fix that ends it, if one does. */
    private record Interval(Optional<String> fix) {
    }

    /**
     * The affected interval of the range that contains the version; empty if the range does not contain it.
     *
     * @throws InvalidVersionException when the version or an event's version cannot be ordered
     */
    private static Optional<Interval> interval(Ordering ordering, OsvRange range, String version) {
        // Refuses an invalid installed version even when every event is "introduced: 0" and nothing is compared.
        ordering.compare(version, version);
        List<OsvEvent> limits = range.events().stream().filter(e -> e.kind() == OsvEvent.Kind.LIMIT).toList();
        if (!limits.isEmpty() && limits.stream()
                .noneMatch(limit -> limit.version().equals("*") || ordering.compare(version, limit.version()) < 0)) {
            return Optional.empty();
        }
        List<OsvEvent> events = new ArrayList<>(
                range.events().stream().filter(e -> e.kind() != OsvEvent.Kind.LIMIT).toList());
        // Stable: events at the same version keep the record's order.
        events.sort(Comparator.comparing(OsvEvent::version,
                (left, right) -> compareEventVersions(ordering, left, right)));
        boolean affected = false;
        int closedAt = -1;
        for (int i = 0; i < events.size(); i++) {
            OsvEvent event = events.get(i);
            switch (event.kind()) {
                case INTRODUCED -> {
                    if (isZero(event) || ordering.compare(version, event.version()) >= 0) {
                        affected = true;
                    }
                }
                case FIXED -> {
                    if (ordering.compare(version, event.version()) >= 0) {
                        affected = false;
                    } else if (closedAt < 0) {
                        closedAt = i;
                    }
                }
                case LAST_AFFECTED -> {
                    if (ordering.compare(version, event.version()) > 0) {
                        affected = false;
                    }
                }
                case LIMIT -> {
                    // filtered out above: limits bound the range, they do not open or close intervals
                }
            }
        }
        if (!affected) {
            return Optional.empty();
        }
        return Optional.of(new Interval(closedAt < 0 ? Optional.empty() : Optional.of(events.get(closedAt).version())));
    }

    /** {@code introduced: "0"} is before every version, whatever the ecosystem's comparator thinks of "0". */
    private static int compareEventVersions(Ordering ordering, String left, String right) {
        boolean leftZero = left.equals("0");
        boolean rightZero = right.equals("0");
        if (leftZero || rightZero) {
            return leftZero == rightZero ? 0 : leftZero ? -1 : 1;
        }
        return ordering.compare(left, right);
    }

    private static boolean isZero(OsvEvent event) {
        return event.kind() == OsvEvent.Kind.INTRODUCED && event.version().equals("0");
    }

    /** A listed version is the installed one: equal strings, or for Go the same version with or without its v. */
    private static boolean sameVersion(String ecosystem, String listed, String version) {
        if (listed.equals(version)) {
            return true;
        }
        return MatchKeys.base(ecosystem).equals("Go") && goSpelling(listed).equals(goSpelling(version));
    }

    /** Go's comparator needs {@code v1.2.3}; OSV's Go records write {@code 1.2.3}, toolchains {@code go1.21.5}. */
    private static String goSpelling(String version) {
        if (version.startsWith("v")) {
            return version;
        }
        if (version.startsWith("go") && version.length() > 2 && Character.isDigit(version.charAt(2))) {
            return "v" + version.substring(2);
        }
        return "v" + version;
    }

    private static String withoutV(String version) {
        return version.startsWith("v") || version.startsWith("V") ? version.substring(1) : version;
    }
}
