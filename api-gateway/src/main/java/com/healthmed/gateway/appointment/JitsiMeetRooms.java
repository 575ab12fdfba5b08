package com.healthmed.gateway.appointment;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Rooms on a Jitsi Meet server (public meet.jit.si by default, or your own): a room exists as soon as
 * someone opens its URL, so the unguessable name is the whole set-up.
 */
@Component
class JitsiMeetRooms implements TeleconsultationRooms {

    private final String baseUrl;

    JitsiMeetRooms(@Value("${healthmed.teleconsultation.base-url:https://meet.jit.si}") String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Override
    public String urlOf(String roomName) {
        return baseUrl + "/" + roomName;
    }
}
