package com.healthmed.schema.shared;

import java.math.BigDecimal;

/** An amount of money; the platform charges in Brazilian reais ({@code BRL}) only. */
public record Money(BigDecimal amount, String currency) {

    public static final String BRL = "BRL";

    public static Money brl(String amount) {
        return new Money(new BigDecimal(amount), BRL);
    }
}
