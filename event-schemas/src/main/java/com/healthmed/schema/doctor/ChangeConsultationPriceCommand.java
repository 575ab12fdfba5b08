package com.healthmed.schema.doctor;

import com.healthmed.schema.shared.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeConsultationPriceCommand(@TargetAggregateIdentifier String doctorId, Money consultationPrice) {
}
