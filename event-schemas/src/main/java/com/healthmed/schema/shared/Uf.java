package com.healthmed.schema.shared;

/** The 27 federative units of Brazil (26 states and the Federal District), by their official two-letter code. */
public enum Uf {
    AC, AL, AP, AM, BA, CE, DF, ES, GO, MA, MT, MS, MG, PA,
    PB, PR, PE, PI, RJ, RN, RS, RO, RR, SC, SP, SE, TO
}
