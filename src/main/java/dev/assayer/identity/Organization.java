package dev.assayer.identity;

import java.util.UUID;

public record Organization(UUID id, String name) {
}
