package com.healthmed.gateway.operations;

import com.healthmed.gateway.problem.ProblemTypes;
import com.healthmed.gateway.problem.Problems;
import com.healthmed.schema.operations.FindProjectionsQuery;
import com.healthmed.schema.operations.ProjectionStatus;
import com.healthmed.schema.operations.ReplayProjectionQuery;
import com.healthmed.schema.operations.ReplayProjectionResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
 * Every processing group of every service (scatter-gather): its position, its lag behind the head of the event
 * store, whether it is replaying, and its dead letters; and the replay of one read model from the whole history.
 * Groups with side effects (the appointment process, schedule provisioning, notifications) answer 409.
 */
@RestController
@RequestMapping("/api/v1/admin/projections")
@PreAuthorize("hasRole('admin')")
@Tag(name = "Operations")
class ProjectionController {

    private static final long ANSWER_WAIT_SECONDS = 30;

    private final QueryGateway queries;

    ProjectionController(QueryGateway queries) {
        this.queries = queries;
    }

    record Projections(List<ProjectionStatus> processingGroups) {
    }

    @Operation(summary = "Each processing group: position, lag behind the event store's head, replaying, dead letters (admin)")
    @GetMapping
    Projections list() {
        return new Projections(queries.scatterGather(new FindProjectionsQuery(true),
                        ResponseTypes.multipleInstancesOf(ProjectionStatus.class), ANSWER_WAIT_SECONDS, TimeUnit.SECONDS)
                .flatMap(Collection::stream)
                .sorted(Comparator.comparing(ProjectionStatus::name))
                .toList());
    }

    @Operation(summary = "Reset one read model and rebuild it from the whole history; side effects are never repeated (admin)")
    @PostMapping("/{name}/replay")
    ResponseEntity<ReplayProjectionResponse> replay(@PathVariable String name) {
        ReplayProjectionResponse answer = queries.scatterGather(new ReplayProjectionQuery(name),
                        ResponseTypes.optionalInstanceOf(ReplayProjectionResponse.class), ANSWER_WAIT_SECONDS,
                        TimeUnit.SECONDS)
                .flatMap(Optional::stream)
                .findFirst()
                .orElseThrow(() -> Problems.notFound("No processing group " + name + "."));
        if (!answer.started()) {
            throw Problems.error(HttpStatus.CONFLICT, ProblemTypes.NOT_REPLAYABLE, answer.refusal());
        }
        return ResponseEntity.accepted().body(answer);
    }
}
