package com.healthmed.command.shared;

import com.healthmed.schema.shared.RejectionReason;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;

/** Fixture expectations for business refusals. */
public final class Rejections {

    private Rejections() {
    }

    /** Expects the command to be refused for exactly {@code reason}, with nothing applied. */
    public static void rejected(ResultValidator<?> result, RejectionReason reason) {
        result.expectNoEvents().expectException(new TypeSafeMatcher<Throwable>() {
            @Override
            protected boolean matchesSafely(Throwable item) {
                return item instanceof CommandRejectedException e && e.rejection().reason() == reason;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a rejection for " + reason);
            }
        });
    }
}
