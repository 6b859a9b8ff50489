package io.drydock.platform.osv;

import java.util.Objects;

/**
 * One {@code references[]} entry of an OSV record.
 *
 * @param type {@code ADVISORY}, {@code ARTICLE}, {@code DETECTION}, {@code DISCUSSION}, {@code REPORT}, {@code FIX},
 *             {@code INTRODUCED}, {@code GIT}, {@code PACKAGE}, {@code EVIDENCE}, {@code WEB}
 * @param url  the address
 */
public record OsvReference(String type, String url) {

    public OsvReference {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(url, "url");
    }
}
