package com.healthmed.query.notification;

import com.healthmed.schema.appointment.AppointmentAcceptedEvent;
import com.healthmed.schema.appointment.AppointmentCancelledEvent;
import com.healthmed.schema.appointment.AppointmentRefusedEvent;
import com.healthmed.schema.appointment.AppointmentRequestedEvent;
import com.healthmed.schema.appointment.Participant;
import com.healthmed.schema.doctor.DoctorProfileResponse;
import com.healthmed.schema.doctor.FindDoctorProfileQuery;
import com.healthmed.schema.patient.FindPatientProfileQuery;
import com.healthmed.schema.patient.PatientProfileResponse;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * E-mails about appointments: the doctor on a new request (with links to answer it), the patient on
 * confirmation, refusal and cancellation. A failed send is retried by the event processor (this group
 * propagates errors, see {@link NotificationConfiguration}); it runs apart from booking, so it never
 * delays or undoes one. Replays send nothing, and an event handled twice (a segment moved between nodes) is
 * e-mailed once ({@link SentNotifications}).
 */
@Component
@ProcessingGroup(AppointmentNotifications.GROUP)
@DisallowReplay
class AppointmentNotifications {

    static final String GROUP = "appointment-notifications";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.forLanguageTag("pt-BR"));
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.forLanguageTag("pt-BR"));

    private final JavaMailSender mail;
    private final QueryGateway queries;
    private final NotificationProperties properties;
    private final SentNotifications sent;

    AppointmentNotifications(JavaMailSender mail, QueryGateway queries, NotificationProperties properties,
                             SentNotifications sent) {
        this.sent = sent;
        this.mail = mail;
        this.queries = queries;
        this.properties = properties;
    }

    @EventHandler
    void on(AppointmentRequestedEvent event, @MessageIdentifier String eventId) {
        var doctor = doctor(event.doctorId());
        var patient = patient(event.patientId());
        ZoneId zone = ZoneId.of(doctor.timeZone());
        String answer = properties.appUrl() + "/doctor/appointments/" + event.appointmentId();
        send(eventId, doctor.email(), "Nova solicitação de consulta: " + patient.name() + " em " + day(event.start(), zone),
                """
                Olá, %s.

                %s solicitou uma consulta online com você.
                Data: %s
                Horário: %s às %s (%s)

                Aceitar: %s?action=accept
                Recusar: %s?action=refuse

                Sem resposta até %s %s, a solicitação expira e o horário volta a ficar livre.
                """.formatted(doctor.name(), patient.name(), day(event.start(), zone), time(event.start(), zone),
                        time(event.end(), zone), zone.getId(), answer, answer, day(event.answerBy(), zone),
                        time(event.answerBy(), zone)));
    }

    @EventHandler
    void on(AppointmentAcceptedEvent event, @MessageIdentifier String eventId) {
        notifyPatient(eventId, event.appointmentId(), event.doctorId(), event.patientId(), "Consulta confirmada",
                "confirmou a sua consulta.");
    }

    @EventHandler
    void on(AppointmentRefusedEvent event, @MessageIdentifier String eventId) {
        notifyPatient(eventId, event.appointmentId(), event.doctorId(), event.patientId(), "Consulta recusada",
                "não poderá atender a sua solicitação" + (event.reason() == null ? "." : ": " + event.reason()));
    }

    @EventHandler
    void on(AppointmentCancelledEvent event, @MessageIdentifier String eventId) {
        String who = event.cancelledBy() == Participant.PATIENT ? "Você cancelou" : "O médico cancelou";
        notifyPatient(eventId, event.appointmentId(), event.doctorId(), event.patientId(), "Consulta cancelada",
                "— " + who + " a consulta." + (event.justification() == null ? "" : " Justificativa: " + event.justification()));
    }

    private void notifyPatient(String eventId, String appointmentId, String doctorId, String patientId, String subject,
                               String what) {
        var doctor = doctor(doctorId);
        var patient = patient(patientId);
        if (patient.erased()) {
            return; // LGPD: no address left, and nobody to tell (their appointments were cancelled by the erasure)
        }
        send(eventId, patient.email(), subject + " com " + doctor.name(), """
                Olá, %s.

                %s %s
                Detalhes: %s/patient/appointments/%s
                """.formatted(patient.name(), doctor.name(), what, properties.appUrl(), appointmentId));
    }

    private void send(String eventId, String to, String subject, String text) {
        if (!sent.claim(eventId)) {
            return;
        }
        var message = new SimpleMailMessage();
        message.setFrom(properties.from());
        message.setTo(to);
        message.setSubject(subject);
        message.setText(text);
        try {
            mail.send(message);
        } catch (RuntimeException e) {
            sent.release(eventId); // not sent: the retry (dead-letter queue) must be able to send it
            throw e;
        }
    }

    private DoctorProfileResponse doctor(String id) {
        return queries.query(new FindDoctorProfileQuery(id), ResponseTypes.optionalInstanceOf(DoctorProfileResponse.class))
                .join().orElseThrow(() -> new IllegalStateException("doctor " + id + " not projected yet"));
    }

    private PatientProfileResponse patient(String id) {
        return queries.query(new FindPatientProfileQuery(id), ResponseTypes.optionalInstanceOf(PatientProfileResponse.class))
                .join().orElseThrow(() -> new IllegalStateException("patient " + id + " not projected yet"));
    }

    private static String day(Instant instant, ZoneId zone) {
        return DATE.format(instant.atZone(zone));
    }

    private static String time(Instant instant, ZoneId zone) {
        return TIME.format(instant.atZone(zone));
    }
}
