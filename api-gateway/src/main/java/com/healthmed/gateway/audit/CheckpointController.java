package com.healthmed.gateway.audit;

import com.healthmed.gateway.problem.ProblemTypes;
import com.healthmed.gateway.problem.Problems;
import com.healthmed.schema.audit.CheckpointPage;
import com.healthmed.schema.audit.FindCheckpointsQuery;
import com.healthmed.schema.audit.HashChainVerification;
import com.healthmed.schema.audit.VerifyHashChainQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.concurrent.TimeUnit;

/**
 * Tamper evidence: the hash chain over the event store (one checkpoint per stored event: its global position and
 * the hash of its stored form chained to the previous checkpoint), and its verification (recomputed from the
 * stored events; the first event that no longer matches is named). {@code ./healthmed audit-verify} calls it.
 */
@RestController
@RequestMapping("/api/v1/audit/checkpoints")
@PreAuthorize("hasRole('auditor')")
@Tag(name = "Audit")
class CheckpointController {

    private static final int MAX_PAGE = 10_000;
    private static final long VERIFY_WAIT_MINUTES = 30;

    private final QueryGateway queries;

    CheckpointController(QueryGateway queries) {
        this.queries = queries;
    }

    @Operation(summary = "Checkpoints of the hash chain after a global position, in order (auditor)")
    @GetMapping
    CheckpointPage checkpoints(@RequestParam(required = false) Long after,
                               @RequestParam(defaultValue = "1000") int limit) {
        if (after != null && after < 0 || limit < 1 || limit > MAX_PAGE) {
            throw Problems.error(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION,
                    "after is a global position (0 or more); limit is 1 to " + MAX_PAGE + ".");
        }
        return queries.query(new FindCheckpointsQuery(after, limit), CheckpointPage.class).join();
    }

    @Operation(summary = "Recompute the chain from the stored events; names the first event that no longer matches (auditor)")
    @GetMapping("/verification")
    HashChainVerification verify() throws Exception {
        return queries.query(new VerifyHashChainQuery(true), HashChainVerification.class)
                .get(VERIFY_WAIT_MINUTES, TimeUnit.MINUTES);
    }
}
