package com.healthmed.processing.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthmed.schema.patient.PatientProfileUpdatedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code PatientProfileUpdatedEvent} revision 1 → 2: the top-level {@code city} and {@code state} move into a
 * {@code residence} object. Runs wherever events are read (aggregates on the command side, projections on the
 * query side); the stored events are never rewritten.
 */
public class PatientProfileUpdatedUpcaster extends SingleEventUpcaster {

    static final String TYPE = PatientProfileUpdatedEvent.class.getName();
    static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(TYPE, "1");
    static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return REVISION_1.equals(event.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(REVISION_2, JsonNode.class, PatientProfileUpdatedUpcaster::toRevision2);
    }

    static JsonNode toRevision2(JsonNode revision1) {
        ObjectNode payload = ((ObjectNode) revision1).deepCopy();
        ObjectNode residence = payload.putObject("residence");
        residence.set("city", payload.remove("city"));
        residence.set("state", payload.remove("state"));
        // keep the component order of the record (patientId, name, phone, residence, location)
        JsonNode location = payload.remove("location");
        payload.remove("residence");
        payload.set("residence", residence);
        payload.set("location", location);
        return payload;
    }
}
