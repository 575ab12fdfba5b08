package com.healthmed.gateway.appointment;

/** The video provider: turns an appointment's room name into the link its participants open. */
public interface TeleconsultationRooms {

    String urlOf(String roomName);
}
