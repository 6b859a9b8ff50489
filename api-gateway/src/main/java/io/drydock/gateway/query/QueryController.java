package io.drydock.gateway.query;

import io.drydock.gateway.account.Caller;
import io.drydock.gateway.web.Pagination;
import io.drydock.gateway.web.QueryFlags;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** The query endpoints (§1.13): vulnerability records (global), and the account's images by vulnerability or package. */
@RestController
@RequestMapping({"/v1", ""})
public class QueryController {

    private final VulnerabilityQuery vulnerabilities;
    private final ImageSearch images;

    public QueryController(VulnerabilityQuery vulnerabilities, ImageSearch images) {
        this.vulnerabilities = vulnerabilities;
        this.images = images;
    }

    @GetMapping("/query/vulnerabilities")
    public Map<String, Object> vulnerabilities(HttpServletRequest request,
                                               @RequestParam(name = "id", required = false) List<String> ids,
                                               @RequestParam(name = "namespace", required = false) List<String> namespaces,
                                               @RequestParam(name = "affected_package", required = false) String affectedPackage,
                                               @RequestParam(name = "affected_package_version", required = false) String affectedPackageVersion,
                                               @RequestParam(required = false) String page,
                                               @RequestParam(required = false) String limit) {
        Caller.of(request);
        return vulnerabilities.query(ids, namespaces, affectedPackage, affectedPackageVersion, Pagination.of(page, limit));
    }

    @GetMapping("/query/images/by_vulnerability")
    public Map<String, Object> byVulnerability(HttpServletRequest request,
                                               @RequestParam(name = "vulnerability_id", required = false) String vulnerabilityId,
                                               @RequestParam(required = false) String namespace,
                                               @RequestParam(name = "affected_package", required = false) String affectedPackage,
                                               @RequestParam(required = false) String severity,
                                               @RequestParam(name = "vendor_only", required = false) String vendorOnly,
                                               @RequestParam(required = false) String page,
                                               @RequestParam(required = false) String limit) {
        return images.byVulnerability(Caller.of(request).account(), vulnerabilityId, namespace, affectedPackage,
                severity, QueryFlags.parse(vendorOnly, true), Pagination.of(page, limit));
    }

    @GetMapping("/query/images/by_package")
    public Map<String, Object> byPackage(HttpServletRequest request,
                                         @RequestParam(required = false) String name,
                                         @RequestParam(name = "package_type", required = false) String packageType,
                                         @RequestParam(required = false) String version,
                                         @RequestParam(required = false) String page,
                                         @RequestParam(required = false) String limit) {
        return images.byPackage(Caller.of(request).account(), name, packageType, version, Pagination.of(page, limit));
    }
}
