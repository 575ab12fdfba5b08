package com.healthmed.command.shared;

import com.healthmed.schema.shared.Rejection;
import com.healthmed.schema.shared.RejectionReason;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Turns business refusals into a {@link CommandExecutionException} whose details hold a {@link Rejection}.
 * Through Axon Server only those details survive (not the exception class), so doing this for every
 * command makes the gateway's 404/409/422 answers identical in standalone and distributed mode.
 */
public class RejectionTranslator implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (CommandRejectedException e) {
            throw new CommandExecutionException(e.getMessage(), null, e.rejection());
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            // no stream at all, or the stream of another aggregate type (a patient's id sent as a doctor's)
            var rejection = absent(unitOfWork);
            throw new CommandExecutionException(rejection.detail(), null, rejection);
        }
    }

    private static Rejection absent(UnitOfWork<? extends CommandMessage<?>> unitOfWork) {
        if (unitOfWork.getMessage().getPayloadType().getPackageName().endsWith(".scheduling")) {
            // a schedule exists from the doctor's verification on
            return new Rejection(RejectionReason.DOCTOR_NOT_BOOKABLE,
                    "The doctor does not exist or is not verified yet.");
        }
        return new Rejection(RejectionReason.NOT_FOUND, "No such " + describe(unitOfWork) + ".");
    }

    private static String describe(UnitOfWork<? extends CommandMessage<?>> unitOfWork) {
        String command = unitOfWork.getMessage().getPayloadType().getSimpleName();
        if (command.contains("Appointment")) {
            return "appointment";
        }
        if (command.contains("Doctor") || command.contains("ConsultationPrice")) {
            return "doctor";
        }
        if (command.contains("Patient")) {
            return "patient";
        }
        return "resource";
    }
}
