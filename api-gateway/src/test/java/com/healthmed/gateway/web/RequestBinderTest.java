package com.healthmed.gateway.web;

import com.healthmed.gateway.problem.ApiExceptionHandler.FieldProblem;
import jakarta.validation.Validation;
import jakarta.validation.constraints.Max;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a body chosen at run time is bound with Jackson 3: every refusal names the field it is about. */
class RequestBinderTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final RequestBinder binder = new RequestBinder(json,
            Validation.buildDefaultValidatorFactory().getValidator());

    record Rating(int stars, @Max(2000) Integer length) {
    }

    private List<FieldProblem> refusal(String body) {
        var thrown = assertThatThrownBy(() -> binder.bind(json.readTree(body), Rating.class))
                .isInstanceOf(InvalidRequestException.class).actual();
        return ((InvalidRequestException) thrown).problems();
    }

    @Test
    void bindsAKnownBody() {
        assertThat(binder.bind(json.readTree("{\"stars\":5}"), Rating.class)).isEqualTo(new Rating(5, null));
    }

    @Test
    void aNumberTooLargeForItsFieldIsThatFieldsProblem() {
        // Jackson 3 reports this while reading, not binding; it is still a wrong value, not broken JSON
        assertThat(refusal("{\"stars\":2147483648}"))
                .containsExactly(new FieldProblem("stars", "has the wrong type or an unknown value"));
    }

    @Test
    void unknownFieldsWrongTypesAndNullsAreRefused() {
        assertThat(refusal("{\"stars\":5,\"starz\":5}"))
                .containsExactly(new FieldProblem("starz", "is not a known field"));
        assertThat(refusal("{\"stars\":\"five\"}"))
                .containsExactly(new FieldProblem("stars", "has the wrong type or an unknown value"));
        assertThat(refusal("{\"stars\":null}"))
                .containsExactly(new FieldProblem("stars", "has the wrong type or an unknown value"));
    }

    @Test
    void beanValidationAppliesAfterBinding() {
        assertThat(refusal("{\"stars\":5,\"length\":2001}")).extracting(FieldProblem::field).containsExactly("length");
    }
}
