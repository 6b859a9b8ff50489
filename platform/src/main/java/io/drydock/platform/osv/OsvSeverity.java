package io.drydock.platform.osv;

import java.util.Objects;

/**
 * One {@code severity[]} entry of an OSV record or of one of its affected packages.
 *
 * @param type  {@code CVSS_V2}, {@code CVSS_V3}, {@code CVSS_V4}, {@code Ubuntu}, or a type a later schema adds
 * @param score the vector for the CVSS types, the rating word for {@code Ubuntu}
 *              ({@code negligible} … {@code critical})
 */
public record OsvSeverity(String type, String score) {

    public OsvSeverity {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(score, "score");
    }
}
