package com.healthmed.command.shared;

import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class CommandSideConfiguration {

    @Autowired
    void translateRejections(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(new RejectionTranslator());
    }
}
