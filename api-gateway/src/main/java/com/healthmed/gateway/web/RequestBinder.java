package com.healthmed.gateway.web;

import com.healthmed.gateway.problem.ApiExceptionHandler;
import com.healthmed.gateway.problem.ApiExceptionHandler.FieldProblem;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Binds a JSON body to a request type chosen at run time (e.g. by the caller's role) with the same rules
 * as the controllers' own bodies: unknown fields and wrong types are refused, then Bean Validation applies.
 */
@Component
public class RequestBinder {

    private final JsonMapper strict;
    private final Validator validator;

    RequestBinder(JsonMapper json, Validator validator) {
        this.strict = StrictJsonConfiguration.strict(json);
        this.validator = validator;
    }

    public <T> T bind(JsonNode body, Class<T> type) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException(List.of(new FieldProblem("body", "must be a JSON object")));
        }
        T value;
        try {
            value = strict.treeToValue(body, type);
        } catch (JacksonException e) {
            if (!ApiExceptionHandler.isValueProblem(e)) {
                throw new InvalidRequestException(List.of(new FieldProblem("body", "is not valid JSON")));
            }
            String field = e.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String message = e instanceof UnrecognizedPropertyException
                    ? "is not a known field" : "has the wrong type or an unknown value";
            throw new InvalidRequestException(List.of(new FieldProblem(field.isEmpty() ? "body" : field, message)));
        }
        var violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations.stream()
                    .map(v -> new FieldProblem(field(v.getPropertyPath()), v.getMessage()))
                    .sorted(Comparator.comparing(FieldProblem::field))
                    .toList());
        }
        return value;
    }

    /** {@code specialties[0]}, {@code location.lat}: the JSON path, without Bean Validation's {@code <list element>} nodes. */
    private static String field(jakarta.validation.Path path) {
        var field = new StringBuilder();
        for (var node : path) {
            if (node.getIndex() != null || node.getKey() != null) {
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return field.toString();
    }
}
