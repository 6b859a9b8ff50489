package io.drydock.gateway.reanalysis;

import io.drydock.gateway.account.Caller;
import io.drydock.platform.analysis.AnalyzerVersion;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /system/reanalysis} (admin): re-analyse the images an older analyzer analysed. Not part of Anchore's API,
 * which only re-analyses one image at a time ({@code POST /images?force=true}).
 */
@RestController
@RequestMapping({"/v1", ""})
public class ReanalysisController {

    private final Reanalysis reanalysis;

    public ReanalysisController(Reanalysis reanalysis) {
        this.reanalysis = reanalysis;
    }

    /**
     * @param analyzerVersion only images analysed by exactly this version; by default every version but the current
     */
    @PostMapping("/system/reanalysis")
    public Map<String, Object> reanalyse(HttpServletRequest request,
                                         @RequestParam(name = "analyzer_version", required = false) String analyzerVersion) {
        Caller.of(request).requireAdmin();
        List<Reanalysis.Queued> queued = reanalysis.requeueOlder(AnalyzerVersion.CURRENT, analyzerVersion);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("current_analyzer_version", AnalyzerVersion.CURRENT);
        response.put("queued", queued.size());
        response.put("images", queued.stream().map(q -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("imageDigest", q.imageDigest());
            row.put("previous_analyzer_version", q.previousVersion());
            row.put("analysis_job_id", q.jobId().toString());
            return row;
        }).toList());
        response.put("more", queued.size() >= Reanalysis.MAX_PER_REQUEST);
        return response;
    }
}
