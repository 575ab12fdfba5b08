package com.healthmed.gateway.operations;

import com.healthmed.gateway.problem.Problems;
import com.healthmed.schema.operations.DeadLetterRetryResponse;
import com.healthmed.schema.operations.FindDeadLettersQuery;
import com.healthmed.schema.operations.ProcessingGroupDeadLetters;
import com.healthmed.schema.operations.RetryDeadLettersQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Events whose handler failed are parked per processing group instead of being skipped; admins see them here
 * and retry them once the cause is fixed (they are also retried automatically every minute). Every service
 * that runs processing groups answers for its own (scatter-gather).
 */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
@PreAuthorize("hasRole('admin')")
@Tag(name = "Operations")
class DeadLetterController {

    private static final int MAX_LETTERS_PER_GROUP = 100;
    private static final long ANSWER_WAIT_SECONDS = 10;

    private final QueryGateway queries;

    DeadLetterController(QueryGateway queries) {
        this.queries = queries;
    }

    record DeadLetters(long letters, List<ProcessingGroupDeadLetters> processingGroups) {
    }

    @Operation(summary = "Parked events per processing group: type, aggregate, cause, first and last attempt (admin)")
    @GetMapping
    DeadLetters list() {
        List<ProcessingGroupDeadLetters> groups = queries.scatterGather(new FindDeadLettersQuery(MAX_LETTERS_PER_GROUP),
                        ResponseTypes.multipleInstancesOf(ProcessingGroupDeadLetters.class), ANSWER_WAIT_SECONDS,
                        TimeUnit.SECONDS)
                .flatMap(Collection::stream)
                .sorted(Comparator.comparing(ProcessingGroupDeadLetters::processingGroup))
                .toList();
        return new DeadLetters(groups.stream().mapToLong(ProcessingGroupDeadLetters::letters).sum(), groups);
    }

    @Operation(summary = "Retry every parked event of one processing group now (admin)")
    @PostMapping("/{group}/retry")
    DeadLetterRetryResponse retry(@PathVariable String group) {
        return queries.scatterGather(new RetryDeadLettersQuery(group),
                        ResponseTypes.optionalInstanceOf(DeadLetterRetryResponse.class), ANSWER_WAIT_SECONDS,
                        TimeUnit.SECONDS)
                .flatMap(Optional::stream)
                .findFirst()
                .orElseThrow(() -> Problems.notFound("No processing group " + group + "."));
    }
}
