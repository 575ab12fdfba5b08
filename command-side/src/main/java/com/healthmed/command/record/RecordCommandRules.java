package com.healthmed.command.record;

import com.healthmed.command.appointment.ReportableAppointment;
import com.healthmed.command.doctor.GrantableDoctor;
import com.healthmed.command.shared.CommandRejectedException;
import com.healthmed.schema.record.AddMedicalReportCommand;
import com.healthmed.schema.record.GrantAccessCommand;
import com.healthmed.schema.shared.RejectionReason;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * Rules of the health record that depend on another aggregate, checked on the command side against that
 * aggregate's event-sourced state (never against a read model) in the same unit of work as the command:
 * a report only from the appointment's doctor on a confirmed consultation that has started, and a grant only to
 * a verified doctor.
 */
public class RecordCommandRules implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final Repository<?> appointments;
    private final Repository<?> doctors;
    private final Clock clock;

    public RecordCommandRules(Repository<?> appointments, Repository<?> doctors, Clock clock) {
        this.appointments = appointments;
        this.doctors = doctors;
        this.clock = clock;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object command = unitOfWork.getMessage().getPayload();
        if (command instanceof AddMedicalReportCommand report) {
            inspect(appointments, report.appointmentId(), ReportableAppointment.class,
                    appointment -> appointment.requireReportableBy(report.doctorId(), report.patientId(), clock.instant()),
                    new CommandRejectedException(RejectionReason.NOT_FOUND, "No appointment " + report.appointmentId() + "."));
        } else if (command instanceof GrantAccessCommand grant) {
            var notADoctor = new CommandRejectedException(RejectionReason.INVALID_GRANT,
                    "Documents can only be shared with a verified doctor.");
            inspect(doctors, grant.doctorId(), GrantableDoctor.class, doctor -> {
                if (!doctor.verified()) {
                    throw notADoctor;
                }
            }, notADoctor);
        }
        return chain.proceed();
    }

    private static <T> void inspect(Repository<?> repository, String id, Class<T> role, Consumer<T> check,
                                    CommandRejectedException whenAbsent) {
        try {
            repository.load(id).execute(aggregate -> check.accept(role.cast(aggregate)));
        } catch (AggregateNotFoundException | IncompatibleAggregateException absent) {
            throw whenAbsent;
        }
    }
}
