package com.healthmed.schema.shared;

/** A postal address of a practice. */
public record Address(String street, String city, Uf state) {
}
