package com.healthmed.gateway.web;

import com.healthmed.gateway.problem.ApiExceptionHandler.FieldProblem;

import java.util.List;

/** A request that failed validation outside Spring MVC's own binding; answered as a 400 validation problem. */
public class InvalidRequestException extends RuntimeException {

    private final transient List<FieldProblem> problems;

    public InvalidRequestException(List<FieldProblem> problems) {
        super(problems.toString());
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
