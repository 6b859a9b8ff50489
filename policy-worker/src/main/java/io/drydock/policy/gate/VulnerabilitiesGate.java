package io.drydock.policy.gate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/** CVE/vulnerability checks over the matches the worker supplies. */
final class VulnerabilitiesGate {
    static final List<String> SEVERITIES = List.of("unknown", "negligible", "low", "medium", "high", "critical");
    static final List<String> COMPARISONS = List.of("=", "!=", "<", ">", "<=", ">=");
    /** Package types Anchore classes as non-OS; everything else is an OS package. */
    static final Set<String> NON_OS_TYPES = Set.of("java", "python", "npm", "gem", "maven", "js", "composer", "nuget",
            "binary", "go");
    private static final double ABSENT_SCORE = -1.0;
    private static final long SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

    private VulnerabilitiesGate() {}

    static Gate<Void> create() {
        return Gate.active("vulnerabilities", "CVE/Vulnerability checks.", image -> null,
                List.of(packageTrigger(), staleFeedData(), vulnerabilityDataUnavailable(), blacklist()));
    }

    /** A CVSS threshold pair (comparison + score) and where the image's score comes from. */
    private record ScoreCheck(String name, ToDoubleFunction<VulnerabilityMatch> score) {}

    private static final List<ScoreCheck> NVD_SCORES = List.of(
            new ScoreCheck("cvss_v3_base_score", m -> m.nvdCvssV3() == null ? ABSENT_SCORE : m.nvdCvssV3().baseScore()),
            new ScoreCheck("cvss_v3_exploitability_score",
                    m -> m.nvdCvssV3() == null ? ABSENT_SCORE : m.nvdCvssV3().exploitabilityScore()),
            new ScoreCheck("cvss_v3_impact_score",
                    m -> m.nvdCvssV3() == null ? ABSENT_SCORE : m.nvdCvssV3().impactScore()));
    private static final List<ScoreCheck> VENDOR_SCORES = List.of(
            new ScoreCheck("vendor_cvss_v3_base_score",
                    m -> m.vendorCvssV3() == null ? ABSENT_SCORE : m.vendorCvssV3().baseScore()),
            new ScoreCheck("vendor_cvss_v3_exploitability_score",
                    m -> m.vendorCvssV3() == null ? ABSENT_SCORE : m.vendorCvssV3().exploitabilityScore()),
            new ScoreCheck("vendor_cvss_v3_impact_score",
                    m -> m.vendorCvssV3() == null ? ABSENT_SCORE : m.vendorCvssV3().impactScore()));

    private static Trigger<Void> packageTrigger() {
        ParamValidator comparison = ParamValidator.enumString(COMPARISONS);
        List<TriggerParam> params = new ArrayList<>();
        params.add(TriggerParam.required("package_type", "Only trigger for specific package type.", "all",
                ParamValidator.enumString(List.of("all", "os", "non-os"))));
        params.add(TriggerParam.optional("severity_comparison",
                "The type of comparison to perform for severity evaluation.", ">", comparison));
        params.add(TriggerParam.optional("severity", "Severity to compare against.", "high",
                ParamValidator.enumString(SEVERITIES)));
        params.add(scoreComparison("cvss_v3_base_score", "CVSS v3 base score"));
        params.add(score("cvss_v3_base_score", "CVSS v3 base score"));
        params.add(scoreComparison("cvss_v3_exploitability_score", "CVSS v3 exploitability sub score"));
        params.add(score("cvss_v3_exploitability_score", "CVSS v3 exploitability sub score"));
        params.add(scoreComparison("cvss_v3_impact_score", "CVSS v3 impact sub score"));
        params.add(score("cvss_v3_impact_score", "CVSS v3 impact sub score"));
        params.add(TriggerParam.optional("fix_available",
                "If present, the fix availability for the vulnerability record must match the value of this parameter.",
                "true", ParamValidator.booleanString()));
        params.add(TriggerParam.optional("vendor_only",
                "If True, an available fix for this CVE must not be explicitly marked as wont be addressed by the vendor",
                "true", ParamValidator.booleanString()));
        params.add(TriggerParam.optional("max_days_since_creation",
                "If provided, this CVE must be older than the days provided to trigger.", "7",
                ParamValidator.integerString()));
        params.add(TriggerParam.optional("max_days_since_fix",
                "If provided (only evaluated when fix_available option is also set to true), the fix first observed "
                        + "time must be older than days provided, to trigger.", "30", ParamValidator.integerString()));
        params.add(scoreComparison("vendor_cvss_v3_base_score", "vendor specified CVSS v3 base score"));
        params.add(score("vendor_cvss_v3_base_score", "Vendor CVSS v3 base score"));
        params.add(scoreComparison("vendor_cvss_v3_exploitability_score",
                "vendor specified CVSS v3 exploitability sub score"));
        params.add(score("vendor_cvss_v3_exploitability_score", "Vendor CVSS v3 exploitability sub score"));
        params.add(scoreComparison("vendor_cvss_v3_impact_score", "vendor specified CVSS v3 impact sub score"));
        params.add(score("vendor_cvss_v3_impact_score", "Vendor CVSS v3 impact sub score"));
        params.add(TriggerParam.optional("package_path_exclude",
                "The regex to evaluate against the package path to exclude vulnerabilities", ".*test\\.jar*",
                ParamValidator.regex()));
        return Trigger.active("package",
                "Triggers if a found vulnerability in an image meets the comparison criteria.", params,
                VulnerabilitiesGate::evaluatePackage);
    }

    private static TriggerParam scoreComparison(String name, String what) {
        return TriggerParam.optional(name + "_comparison",
                "The type of comparison to perform for " + what + " evaluation.", ">",
                ParamValidator.enumString(COMPARISONS));
    }

    private static TriggerParam score(String name, String what) {
        return TriggerParam.optional(name, what + " to compare against.", "5.0", ParamValidator.floatString());
    }

    private static void evaluatePackage(TriggerInput<Void> input, Firings out) {
        RuleParams params = input.params();
        String packageClassFilter = params.string("package_type");
        String severityComparison = params.string("severity_comparison", ">");
        int severityIndex = SEVERITIES.indexOf(params.string("severity", "unknown").toLowerCase(Locale.ROOT));
        Boolean fixAvailable = params.bool("fix_available");
        boolean vendorOnly = !Boolean.FALSE.equals(params.bool("vendor_only"));
        long now = input.now().getEpochSecond();
        Integer maxDaysSinceCreation = params.integer("max_days_since_creation");
        Integer maxDaysSinceFix = params.integer("max_days_since_fix");
        String exclude = params.string("package_path_exclude");
        Pattern excludePattern = exclude == null ? null : Pattern.compile(exclude);

        for (VulnerabilityMatch match : input.image().vulnerabilities()) {
            String packageClass = NON_OS_TYPES.contains(match.packageType()) ? "non-os" : "os";
            if (!packageClassFilter.equals("all") && !packageClassFilter.equals(packageClass)) {
                continue;
            }
            if (!compare(severityComparison, severityIndex(match.severity()), severityIndex)) {
                continue;
            }
            if (excludePattern != null && packageClass.equals("non-os") && match.packagePath() != null
                    && excludePattern.matcher(match.packagePath()).lookingAt()) {
                continue;
            }
            if (vendorOnly && match.willNotFix()) {
                continue;
            }
            List<String> timeNotes = new ArrayList<>();
            if (maxDaysSinceCreation != null) {
                long allowedBefore = now - maxDaysSinceCreation * SECONDS_PER_DAY;
                if (match.detectedAt().getEpochSecond() > allowedBefore) {
                    continue;
                }
                timeNotes.add("max_days_since_creation=" + utcDate(match.detectedAt()));
            }
            boolean hasFix = !match.fixVersions().isEmpty();
            if (Boolean.TRUE.equals(fixAvailable) && maxDaysSinceFix != null && hasFix) {
                long allowedBefore = now - maxDaysSinceFix * SECONDS_PER_DAY;
                Instant observed = match.fixObservedAt();
                if (observed != null && observed.getEpochSecond() > allowedBefore) {
                    continue;
                }
                if (observed != null) {
                    timeNotes.add("max_days_since_fix=" + utcDate(observed));
                }
            }
            List<String> scoreNotes = scoreNotes(NVD_SCORES, params, match);
            if (scoreNotes == null) {
                continue;
            }
            if (fixAvailable != null && fixAvailable != hasFix) {
                continue;
            }
            List<String> vendorNotes = scoreNotes(VENDOR_SCORES, params, match);
            if (vendorNotes == null) {
                continue;
            }
            String subject = packageClass.equals("non-os") && notEmpty(match.packagePath())
                    ? match.packagePath() : match.packageName();
            String message = (match.severity() == null ? "UNKNOWN" : match.severity().toUpperCase(Locale.ROOT)) + " Vulnerability found in " + packageClass
                    + " package type (" + match.packageType() + ") - " + subject + " "
                    + (hasFix ? "(fixed in: " + String.join(", ", match.fixVersions()) + ")" : "")
                    + group(scoreNotes) + group(timeNotes) + group(vendorNotes)
                    + "(" + match.vulnId() + " - " + (match.link() == null ? "" : match.link()) + ")";
            out.fire(match.vulnId() + "+" + packageIdentifier(match, packageClass), message);
        }
    }

    /** Notes for the message, or null when a requested threshold is not met. */
    private static List<String> scoreNotes(List<ScoreCheck> checks, RuleParams params, VulnerabilityMatch match) {
        List<String> notes = new ArrayList<>();
        for (ScoreCheck check : checks) {
            Double threshold = params.decimal(check.name());
            if (threshold == null) {
                continue;
            }
            double actual = check.score().applyAsDouble(match);
            if (!compare(params.string(check.name() + "_comparison", ">="), actual, threshold)) {
                return null;
            }
            // Anchore only prints truthy values, so a score of exactly 0.0 is left out
            if (actual != 0.0) {
                notes.add(check.name() + "=" + PyFormat.decimal(actual));
            }
        }
        return notes;
    }

    /** The part after {@code +} in the trigger id, so that allowlists like {@code CVE-x+openssl} keep matching. */
    static String packageIdentifier(VulnerabilityMatch match, String packageClass) {
        String identifier = null;
        if (packageClass.equals("os")) {
            identifier = match.packageName();
        } else if (match.packagePath() != null) {
            String[] parts = match.packagePath().split("/", -1);
            if (List.of("java", "gem").contains(match.packageType())) {
                identifier = parts[parts.length - 1];
            } else if (match.packageType().equals("npm") && parts.length >= 2) {
                identifier = parts[parts.length - 2];
            }
        }
        return notEmpty(identifier) ? identifier : match.packageName() + "-" + match.packageVersion();
    }

    private static int severityIndex(String severity) {
        if (severity == null) {
            return 0;
        }
        return Math.max(0, SEVERITIES.indexOf(severity.toLowerCase(Locale.ROOT)));
    }

    private static boolean compare(String operator, double left, double right) {
        return switch (operator) {
            case "=" -> left == right;
            case "!=" -> left != right;
            case "<" -> left < right;
            case ">" -> left > right;
            case "<=" -> left <= right;
            case ">=" -> left >= right;
            default -> false;
        };
    }

    private static String group(List<String> notes) {
        return notes.isEmpty() ? "" : "(" + String.join(" ", notes) + ")";
    }

    private static LocalDate utcDate(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static boolean notEmpty(String value) {
        return value != null && !value.isEmpty();
    }

    private static Trigger<Void> staleFeedData() {
        List<TriggerParam> params = List.of(TriggerParam.required("max_days_since_sync",
                "Fire the trigger if the last sync was more than this number of days ago.", "10",
                ParamValidator.integerString()));
        return Trigger.active("stale_feed_data",
                "Triggers if the CVE data for the image's distro is older than the window specified by the parameter "
                        + "MAXAGE (unit is number of days).",
                params, (input, out) -> {
                    int maxAge = input.params().integer("max_days_since_sync");
                    Instant oldest = oldestSync(input.image().vulnerabilityFeeds());
                    long allowedSince = input.now().getEpochSecond() - maxAge * SECONDS_PER_DAY;
                    if (oldest == null || oldest.getEpochSecond() < allowedSince) {
                        out.fire("The vulnerability feed for this image distro is older than MAXAGE (" + maxAge
                                + ") days");
                    }
                });
    }

    /** Null when there is no feed group for the distro or one of them never synced: the age is unknown. */
    private static Instant oldestSync(List<FeedStatus> feeds) {
        Instant oldest = null;
        for (FeedStatus feed : feeds) {
            if (feed.lastSyncedAt() == null) {
                return null;
            }
            if (oldest == null || feed.lastSyncedAt().isBefore(oldest)) {
                oldest = feed.lastSyncedAt();
            }
        }
        return oldest;
    }

    private static Trigger<Void> vulnerabilityDataUnavailable() {
        return Trigger.active("vulnerability_data_unavailable",
                "Triggers if vulnerability data is unavailable for the image's distro packages such as rpms or dpkg. "
                        + "Non-OS packages like npms and java are not considered in this evaluation",
                List.of(), (input, out) -> {
                    if (input.image().vulnerabilityFeeds().stream().noneMatch(FeedStatus::dataPresent)) {
                        out.fire("Distro-specific feed data not found for distro namespace: "
                                + input.image().distroNamespace() + ". Cannot perform CVE scan OS/distro packages");
                    }
                });
    }

    private static Trigger<Void> blacklist() {
        List<TriggerParam> params = List.of(
                TriggerParam.required("vulnerability_ids",
                        "List of vulnerability IDs, will cause the trigger to fire if any are detected.",
                        "CVE-2019-1234", ParamValidator.commaDelimitedStrings()),
                TriggerParam.optional("vendor_only",
                        "If set to True, discard matches against this vulnerability if vendor has marked as will not "
                                + "fix in the vulnerability record.", "true", ParamValidator.booleanString()));
        return Trigger.active("blacklist",
                "Triggers if any of a list of specified vulnerabilities has been detected in the image.", params,
                (input, out) -> {
                    boolean vendorOnly = !Boolean.FALSE.equals(input.params().bool("vendor_only"));
                    List<String> found = input.params().list("vulnerability_ids").stream()
                            .filter(id -> input.image().vulnerabilities().stream()
                                    .anyMatch(m -> m.vulnId().equals(id) && !(vendorOnly && m.willNotFix())))
                            .toList();
                    if (!found.isEmpty()) {
                        out.fire("Blacklisted vulnerabilities detected: " + PyFormat.list(found));
                    }
                });
    }
}
