package com.healthmed.schema.privacy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The component naming the person whose {@link PersonalData} a record carries (a patient id). It stays in clear:
 * it selects the key and is bound to every ciphertext, so a value cannot be moved to another person's event.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface DataSubject {
}
