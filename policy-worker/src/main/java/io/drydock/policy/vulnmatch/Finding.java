package io.drydock.policy.vulnmatch;

import java.time.Instant;
import java.util.List;

/**
 * One vulnerability of one package of an image: a row of {@code image_vulnerability}.
 *
 * @param vulnId       the reported id: the CVE when one of the records has one, else the preferred advisory's id
 * @param advisoryIds  every record merged into this finding, sorted
 * @param packagePath  {@code pkgdb} for OS packages, else where the package was found
 * @param fixVersions  versions that fix it (the distro record's where it has them); empty when none is known
 * @param nvdData      NVD scores of the finding's CVEs
 * @param vendorData   the distro's or advisory database's own scores
 * @param detectedAt   first time this finding was detected for the image
 * @param fixObservedAt first time one of the fix versions was observed in the feed; null without a fix
 */
public record Finding(String vulnId, List<String> advisoryIds, String packageName, String packageVersion,
                      String packageType, String packagePath, String feed, String feedGroup, String severity,
                      List<String> fixVersions, boolean willNotFix, String link, List<CvssReference> nvdData,
                      List<CvssReference> vendorData, Instant detectedAt, Instant fixObservedAt) {

    public Finding {
        advisoryIds = List.copyOf(advisoryIds);
        fixVersions = List.copyOf(fixVersions);
        nvdData = List.copyOf(nvdData);
        vendorData = List.copyOf(vendorData);
    }

    /** What makes a finding the same finding across matchings (the table's key). */
    public Identity identity() {
        return new Identity(vulnId, packageName, packageVersion, packageType, packagePath);
    }

    /** The finding as it was first detected, keeping an earlier detection time. */
    Finding detectedAt(Instant when) {
        return new Finding(vulnId, advisoryIds, packageName, packageVersion, packageType, packagePath, feed, feedGroup,
                severity, fixVersions, willNotFix, link, nvdData, vendorData, when, fixObservedAt);
    }

    /** The key of {@code image_vulnerability} within one image. */
    public record Identity(String vulnId, String packageName, String packageVersion, String packageType,
                           String packagePath) implements Comparable<Identity> {
        @Override
        public int compareTo(Identity o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return String.join("\u0000", vulnId, packageName, packageVersion, packageType, packagePath);
        }
    }

    /**
     * Scores of one vulnerability id from one source, in the reference's {@code nvd_data}/{@code vendor_data} shape;
     * absent scores are {@code -1.0}.
     */
    public record CvssReference(String id, Scores cvssV2, Scores cvssV3) {
    }

    /** Base, exploitability and impact score; {@link #ABSENT} when the source has none. */
    public record Scores(double baseScore, double exploitabilityScore, double impactScore) {
        public static final Scores ABSENT = new Scores(-1.0, -1.0, -1.0);

        public boolean present() {
            return baseScore >= 0;
        }
    }
}
