package io.drydock.policy.gate;

import java.util.List;

/**
 * Gates Anchore has end-of-lifed. They stay declared so that validation can name them ({@code EndOfLifedError})
 * and evaluation can report them instead of failing on an unknown gate; they never fire.
 */
final class EolGates {
    private EolGates() {}

    static List<Gate<?>> all() {
        return List.of(
                gate("anchoresec", "Vulnerability checks against distro packages", "vulnerabilities",
                        t("vulnlow", "Checks for \"low\" severity vulnerabilities found in an image"),
                        t("vulnmedium", "Checks for \"medium\" severity vulnerabilities found in an image"),
                        t("vulnhigh", "Checks for \"high\" severity vulnerabilities found in an image"),
                        t("vulncritical", "Checks for \"critical\" severity vulnerabilities found in an image"),
                        t("vulnunknown", "Checks for \"unkonwn\" or \"negligible\" severity vulnerabilities found in an image"),
                        t("feedoutofdate", "Fires if the CVE data is older than the window specified by the parameter MAXAGE (unit is number of days)"),
                        t("unsupporteddistro", "Fires if a vulnerability scan cannot be run against the image due to lack of vulnerability feed data for the images distro")),
                gate("pkgcheck", "Distro package checks", "packages",
                        t("verify", "Check package integrity against package db in in the image. Triggers for changes or removal or content in all or the selected DIRS param if provided, and can filter type of check with the CHECK_ONLY param"),
                        t("pkgnotpresent", "triggers if the package(s) specified in the params are not installed in the container image. The parameters specify different types of matches.")),
                gate("dockerfilecheck", "Check Dockerfile Instructions", "dockerfile",
                        t("effectiveuser", "Triggers if the effective user for the container is either root when not allowed or is not in a whitelist"),
                        t("directivecheck", "Triggers if any directives in the list are found to match the described condition in the dockerfile"),
                        t("expose", "triggers if Dockerfile is EXPOSEing ports that are not in ALLOWEDPORTS, or are in DENIEDPORTS"),
                        t("nofrom", "triggers if there is no FROM line specified in the Dockerfile"),
                        t("fromscratch", "triggers the FROM line specified \"scratch\" as the parent"),
                        t("notag", "triggers if the FROM container specifies a repo but no explicit, non-latest tag"),
                        t("sudo", "triggers if the Dockerfile contains operations running with sudo"),
                        t("volumepresent", "triggers if the Dockerfile contains a VOLUME line"),
                        t("nohealthcheck", "triggers if the Dockerfile does not contain any HEALTHCHECK instructions"),
                        t("nodockerfile", "triggers if anchore analysis was performed without supplying a real Dockerfile")),
                gate("filecheck", "Image File Checks", "files",
                        t("contentmatch", "Triggers if the content search analyzer has found any matches."),
                        t("filenamematch", "Triggers if a file exists in the container that matches with any of the regular expressions given as FILECHECK_NAMEREGEXP parameters."),
                        t("suidsgidcheck", "Fires for each file found to have suid or sgid set")),
                gate("fileparse_passwd", "Checks against the content of /etc/passwd in the image", "passwd_file",
                        t("filenotstored", "triggers if the /etc/passwd file is not present/stored in the evaluated image"),
                        t("usernamematch", "triggers if specified username is found in the /etc/passwd file"),
                        t("useridmatch", "triggers if specified user id is found in the /etc/passwd file"),
                        t("groupidmatch", "triggers if specified group id is found in the /etc/passwd file"),
                        t("shellmatch", "triggers if specified login shell for any user is found in the /etc/passwd file"),
                        t("pentrymatch", "triggers if specified entire passwd entry is found in the /etc/passwd file")),
                gate("gemcheck", "Ruby Gem Checks", "ruby_gems",
                        t("gemnotlatest", "triggers if an installed GEM is not the latest version according to GEM data feed"),
                        t("gemnotofficial", "triggers if an installed GEM is not in the official GEM database, according to GEM data feed"),
                        t("gembadversion", "triggers if an installed GEM version is not listed in the official GEM feed as a valid version"),
                        t("gempkgfullmatch", "triggers if the evaluated image has an GEM package installed that matches one in the list given as a param (package_name|vers)"),
                        t("gempkgnamematch", "triggers if the evaluated image has an GEM package installed that matches one in the list given as a param (package_name)"),
                        t("gemnofeed", "triggers if anchore does not have access to the GEM data feed")),
                gate("npmcheck", "NPM Checks", "npms",
                        t("npmnotlatest", "triggers if an installed NPM is not the latest version according to NPM data feed"),
                        t("npmnotofficial", "triggers if an installed NPM is not in the official NPM database, according to NPM data feed"),
                        t("npmbadversion", "triggers if an installed NPM version is not listed in the official NPM feed as a valid version"),
                        t("npmpkgfullmatch", "triggers if the evaluated image has an NPM package installed that matches one in the list given as a param (package_name|vers)"),
                        t("npmpkgnamematch", "triggers if the evaluated image has an NPM package installed that matches one in the list given as a param (package_name)"),
                        t("npmnofeed", "triggers if anchore does not have access to the NPM data feed")),
                gate("metadatacheck", "Checks against image metadata gathered during analysis", "metadata",
                        t("attributecheck", "Evaluates a named image attribute against the given condition and fires if matched")),
                gate("licblacklist", "Package License Blacklists", "licenses",
                        t("licfullmatch", "triggers if the evaluated image has a package installed with software distributed under the specified (exact match) license(s)"),
                        t("licsubmatch", "triggers if the evaluated image has a package installed with software distributed under the specified (substring match) license(s)")),
                gate("pkgblacklist", "Distro Package Blacklists", "packages",
                        t("pkgfullmatch", "triggers if the evaluated image has a package installed that matches one in the list given as a param (package_name|vers)"),
                        t("pkgnamematch", "triggers if the evaluated image has a package installed that matches one in the list given as a param (package_name)")),
                gate("secretcheck", "Checks for Secrets Found in the Image", "secret_scans",
                        t("contentmatch", "Triggers if the content search analyzer has found any matches."),
                        t("filenamematch", "Triggers if a file exists in the container that matches with any of the regular expressions given as SECRETCHECK_NAMEREGEXP parameters.")),
                gate("imagecheck", "Checks on image ancestry", null,
                        t("baseoutofdate", "triggers if the image's base image has been updated since the image was built/analyzed")),
                gate("pkgdiff", "Distro Package Difference Checks From Base Image", null,
                        t("pkgversiondiff", "triggers if the evaluated image has a package installed with a different version of the same package from a previous base image"),
                        t("pkgadd", "triggers if image contains a package that is not in its base"),
                        t("pkgdel", "triggers if image has removed a package that is installed in its base"),
                        t("pkgdiff", "triggers if any one of the other events has triggered")),
                gate("suiddiff", "SetUID File Checks", null,
                        t("suiddiff", "triggers if any one of the other events for this gate have triggered"),
                        t("suidfileadd", "triggers if the evaluated image has a file that is SUID and the base image does not"),
                        t("suidfiledel", "triggers if the base image has a SUID file, but the evaluated image does not"),
                        t("suidmodediff", "triggers if file is suid, but mode is different between the image and its base")));
    }

    @SafeVarargs
    private static Gate<Void> gate(String name, String description, String supercededBy, Trigger<Void>... triggers) {
        return new Gate<>(name, List.of(), description, GateState.EOL, supercededBy, image -> null, List.of(triggers));
    }

    private static Trigger<Void> t(String name, String description) {
        return Trigger.eol(name, description);
    }
}
