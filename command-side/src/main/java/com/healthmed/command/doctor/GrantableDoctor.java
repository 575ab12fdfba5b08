package com.healthmed.command.doctor;

/** What the health record asks of a doctor before a patient may share documents with them. */
public interface GrantableDoctor {

    boolean verified();
}
