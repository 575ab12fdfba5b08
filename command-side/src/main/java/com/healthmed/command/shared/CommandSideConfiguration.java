package com.healthmed.command.shared;

import com.healthmed.command.scheduling.SchedulingPolicy;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.axonframework.modelling.command.Repository;
import com.healthmed.command.record.RecordCommandRules;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SchedulingPolicy.class)
public class CommandSideConfiguration {

    /** The translator first, so that the refusals of the rules inside it reach the gateway as rejections. */
    @Autowired
    void interceptCommands(CommandBus commandBus, @Qualifier("appointmentRepository") Repository<?> appointments,
                           @Qualifier("doctorRepository") Repository<?> doctors, Clock clock) {
        commandBus.registerHandlerInterceptor(new RejectionTranslator());
        commandBus.registerHandlerInterceptor(new RecordCommandRules(appointments, doctors, clock));
    }

    /** The time aggregates decide with (tests supply their own). */
    /** Static: the interceptor wiring of this same configuration needs the clock while the configuration is built. */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    static Clock commandSideClock() {
        return Clock.systemUTC();
    }

    /** A popular doctor's schedule gathers many events: rebuild it from a snapshot every 100. */
    @Bean
    SnapshotTriggerDefinition scheduleSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, 100);
    }
}
