package com.healthmed.schema.privacy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A component holding a person's personal data (LGPD): the event store keeps it only encrypted under the key of
 * the record's {@link DataSubject}, and once that key is destroyed it reads back as {@code null}. Also valid on
 * components of a nested record (e.g. a document's title), encrypted under the enclosing event's subject.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface PersonalData {
}
