package nl.iwa.hub.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import nl.iwa.hub.contract.common.HandoffStatus;
import nl.iwa.hub.contract.common.Subject;
import nl.iwa.hub.contract.outbox.CoordinationAction;
import nl.iwa.hub.contract.outbox.CoordinationChange;
import nl.iwa.hub.contract.outbox.OutboxMessage;
import nl.iwa.hub.decision.ResidentKeys.ResidentKey;
import nl.iwa.hub.identity.Pseudonymiser;
import nl.iwa.hub.testkit.messages.Bodies;
import nl.iwa.hub.testkit.messages.OutboxMessages;
import nl.iwa.hub.testkit.residents.SyntheticResidents;
import org.junit.jupiter.api.Test;

/** Every kind of outbox message about one resident gets the same key, whoever sent it and whatever its case. */
class ResidentKeysTest {

    private final Pseudonymiser pseudonymiser = new Pseudonymiser("a test key of at least thirty-two bytes!".getBytes(StandardCharsets.UTF_8));
    private final ResidentKeys keys = new ResidentKeys(pseudonymiser);

    @Test
    void aResidentsConsentsFlowsAndCoordinationShareOneKeyAcrossSendersAndCases() {
        Subject resident = SyntheticResidents.next();
        ResidentKey expected = new ResidentKey.OfResident(pseudonymiser.pseudonymOf(resident).orElseThrow());

        assertThat(keys.of(message("socialteam-heerlen", "case-1",
                Bodies.grant(UUID.randomUUID().toString(), resident, "WORK_REINTEGRATION", "uwv-zuid-limburg", "WORK"))))
                .isEqualTo(expected);
        assertThat(keys.of(message("socialteam-heerlen", "case-2", Bodies.workReintegration(resident)))).isEqualTo(expected);
        assertThat(keys.of(message("housing-mijnstreek", "case-3", Bodies.rentArrears(resident)))).isEqualTo(expected);
        assertThat(keys.of(message("socialteam-heerlen", "case-4", Bodies.withdraw("c-1", resident)))).isEqualTo(expected);
        assertThat(keys.of(message("socialteam-heerlen", "case-5", CoordinationChange.newBuilder()
                .setAction(CoordinationAction.CLAIMED).setSubject(resident).setHandOverToPartnerId(null)
                .setRecordedBy(Bodies.RECORDED_BY).build()))).isEqualTo(expected);
    }

    @Test
    void anotherResidentGetsAnotherKey() {
        assertThat(keys.of(message("housing-mijnstreek", "case-1", Bodies.rentArrears(SyntheticResidents.next()))))
                .isNotEqualTo(keys.of(message("housing-mijnstreek", "case-1", Bodies.rentArrears(SyntheticResidents.next()))));
    }

    @Test
    void aStatusUpdateIsKeyedByItsHandoffForItNamesNoResident() {
        assertThat(keys.of(message("uwv-zuid-limburg", "case-1", Bodies.update("h-42", HandoffStatus.ACCEPTED))))
                .isEqualTo(new ResidentKey.OfHandoff("h-42"));
        assertThat(keys.of(message("uwv-zuid-limburg", "case-1", Bodies.update(" ", HandoffStatus.ACCEPTED))))
                .isEqualTo(ResidentKey.NONE);
    }

    @Test
    void aSubjectTheHubCannotIdentifyHasNoResidentKey() {
        Subject nobody = Subject.newBuilder(SyntheticResidents.next()).setBsn(null).setFamilyName(null).setGivenName(null)
                .setBirthDate(null).setPostcode(null).build();

        assertThat(keys.of(message("housing-mijnstreek", "case-1", Bodies.rentArrears(nobody)))).isEqualTo(ResidentKey.NONE);
    }

    private static OutboxMessage message(String sender, String correlationId, Object body) {
        return OutboxMessages.inCase(sender, "hub", "WORK_REINTEGRATION", correlationId, body);
    }
}
