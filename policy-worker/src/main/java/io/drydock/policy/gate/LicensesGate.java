package io.drydock.policy.gate;

import java.util.ArrayList;
import java.util.List;

/** License checks against the licenses declared by installed packages. */
final class LicensesGate {
    /** A package name paired with one license name. */
    record PackageLicense(String packageName, String license) {
        String shown() {
            return packageName + "(" + license + ")";
        }
    }

    private LicensesGate() {}

    static Gate<List<PackageLicense>> create() {
        Trigger<List<PackageLicense>> exact = Trigger.active("blacklist_exact_match",
                "Triggers if the evaluated image has a package installed with software distributed under the specified "
                        + "(exact match) license(s).",
                List.of(TriggerParam.required("licenses", "List of license names to blacklist exactly.",
                        "GPLv2+,GPL-3+,BSD-2-clause", ParamValidator.commaDelimitedStrings())),
                (input, out) -> {
                    List<String> denied = input.params().list("licenses");
                    List<String> found = input.prepared().stream().filter(pl -> denied.contains(pl.license()))
                            .map(PackageLicense::shown).toList();
                    if (!found.isEmpty()) {
                        out.fire("LICFULLMATCH Packages are installed that have blacklisted licenses: "
                                + String.join(", ", found));
                    }
                });
        Trigger<List<PackageLicense>> partial = Trigger.active("blacklist_partial_match",
                "triggers if the evaluated image has a package installed with software distributed under the specified "
                        + "(substring match) license(s)",
                List.of(TriggerParam.required("licenses", "List of strings to do substring match for blacklist.",
                        "LGPL,BSD", ParamValidator.commaDelimitedStrings())),
                (input, out) -> {
                    List<String> found = new ArrayList<>();
                    for (PackageLicense pl : input.prepared()) {
                        // one entry per matching substring, as Anchore lists them
                        for (String part : input.params().list("licenses")) {
                            if (pl.license().contains(part)) {
                                found.add(pl.shown());
                            }
                        }
                    }
                    if (!found.isEmpty()) {
                        out.fire("LICSUBMATCH Packages are installed that have blacklisted licenses: "
                                + String.join(", ", found));
                    }
                });
        return Gate.active("licenses", "License checks against found software licenses in the container image",
                LicensesGate::prepare, List.of(exact, partial));
    }

    /** Each license string may name several licenses separated by whitespace. */
    private static List<PackageLicense> prepare(ImageFacts image) {
        List<PackageLicense> licenses = new ArrayList<>();
        for (PackageFact pkg : image.packages()) {
            for (String expression : pkg.licenses()) {
                for (String license : expression.strip().split("\\s+")) {
                    if (!license.isEmpty()) {
                        licenses.add(new PackageLicense(pkg.name(), license));
                    }
                }
            }
        }
        return licenses;
    }
}
