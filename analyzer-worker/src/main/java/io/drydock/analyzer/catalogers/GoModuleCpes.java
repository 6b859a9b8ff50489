package io.drydock.analyzer.catalogers;

import java.util.ArrayList;
import java.util.List;

/**
 * CPE candidates of a Go module, from its path as syft derives them: a hosted module
 * ({@code github.com/<owner>/<repo>[/...]}) has its owner as vendor and its repository as product; any module also has
 * its last path element (without a {@code /vN} major suffix) as product. Development versions get none: they name no
 * release NVD could list.
 */
public final class GoModuleCpes {

    private GoModuleCpes() {
    }

    public static List<String> of(String modulePath, String version) {
        if (modulePath == null || version == null || version.isEmpty() || version.equals("(devel)")) {
            return List.of();
        }
        String[] parts = modulePath.split("/");
        int end = parts.length;
        if (end > 1 && parts[end - 1].matches("v[0-9]+")) {
            end--;
        }
        String last = parts[end - 1];
        List<String> vendors = new ArrayList<>();
        List<String> products = new ArrayList<>();
        if (end >= 3 && parts[0].contains(".")) {
            vendors.add(parts[1]);
            products.add(parts[2]);
        }
        if (!products.contains(last)) {
            products.add(last);
        }
        if (!vendors.contains(last)) {
            vendors.add(last);
        }
        String cpeVersion = version.startsWith("v") ? version.substring(1) : version;
        return LanguageCpes.of(vendors, products, cpeVersion, null);
    }
}
