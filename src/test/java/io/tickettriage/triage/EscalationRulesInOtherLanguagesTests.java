package io.tickettriage.triage;

import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The severity rules read German, French and Spanish tickets as they read English ones. */
class EscalationRulesInOtherLanguagesTests {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            de | Seit 8 Uhr ist das Internet im ganzen Büro ausgefallen, niemand kann E-Mails senden.      | outage affecting many users | URGENT | TIER_2
            fr | Le serveur de messagerie est en panne pour tous les utilisateurs du siège depuis ce matin. | outage affecting many users | URGENT | TIER_2
            es | Toda la planta está sin red desde las nueve y no podemos abrir el correo.                   | outage affecting many users | URGENT | TIER_2
            de | Ich habe mein Kennwort auf einer Seite eingegeben, die wie unser Portal aussah.            | credentials compromised     | URGENT | TIER_2
            fr | Un faux technicien m'a appelé et je lui ai donné mon mot de passe au téléphone.            | credentials compromised     | URGENT | TIER_2
            es | En una web que parecía la del banco introduje mi contraseña de la empresa.                  | credentials compromised     | URGENT | TIER_2
            de | Mein Postfach hat heute Nacht 300 Mails verschickt, die ich nicht geschrieben habe.        | credentials compromised     | URGENT | TIER_2
            de | Auf dem Bildschirm steht, dass meine Dateien verschlüsselt sind und ich Lösegeld zahlen soll. | ransomware             | URGENT | TIER_3
            fr | Un message demande une rançon pour récupérer les fichiers du partage.                       | ransomware                  | URGENT | TIER_3
            es | Aparece una nota de rescate y los archivos del servidor no se pueden abrir.                 | ransomware                  | URGENT | TIER_3
            de | Der Virenscanner hat in einem Anhang einen Trojaner gefunden und ihn blockiert.            | malware found               | HIGH   | TIER_2
            fr | Mon antivirus a détecté un virus dans la clé USB d'un fournisseur.                          | malware found               | HIGH   | TIER_2
            es | El antivirus ha detectado un troyano en el instalador que bajé ayer.                        | malware found               | HIGH   | TIER_2
            de | Mein Diensthandy wurde gestern im Restaurant gestohlen.                                     | stolen device               | URGENT | TIER_2
            fr | Mon ordinateur portable a été volé dans ma voiture cette nuit.                              | stolen device               | URGENT | TIER_2
            es | Anoche me robaron el móvil de la empresa en el metro.                                       | stolen device               | URGENT | TIER_2
            de | Ich habe mein Tablet im Taxi liegen lassen und das Taxiunternehmen findet es nicht.        | lost device                 | HIGH   | TIER_1
            fr | J'ai perdu mon téléphone professionnel pendant le déplacement à Bordeaux.                   | lost device                 | HIGH   | TIER_1
            es | He perdido mi portátil del trabajo en el aeropuerto.                                        | lost device                 | HIGH   | TIER_1
            de | Aus dem Netzteil unter meinem Schreibtisch kommt Rauch.                                     | smoke or fire               | URGENT | TIER_2
            fr | De la fumée sort de l'onduleur de la salle serveur.                                         | smoke or fire               | URGENT | TIER_2
            es | Sale humo de la parte trasera de la impresora.                                              | smoke or fire               | URGENT | TIER_2
            de | Der Akku meines Notebooks ist aufgebläht und das Gehäuse klafft auf.                        | safety hazard               | HIGH   | TIER_2
            fr | Il y a une odeur de brûlé qui vient de la multiprise sous mon bureau.                       | safety hazard               | HIGH   | TIER_2
            es | Al enchufar el monitor saltan chispas del cable de corriente.                               | safety hazard               | HIGH   | TIER_2
            de | Nach dem Update sind alle Dokumente in meinem Projektordner gelöscht.                       | data loss                   | HIGH   | TIER_2
            fr | Tous les fichiers du dossier Ventes ont été supprimés par erreur hier soir.                 | data loss                   | HIGH   | TIER_2
            es | Se han borrado por error las carpetas del proyecto en la unidad compartida.                 | data loss                   | HIGH   | TIER_2
            de | Mein Rechner startet nicht, ich kann gerade nicht arbeiten.                                 | person unable to work       | HIGH   | TIER_1
            fr | Mon écran reste noir et je ne peux pas travailler depuis ce matin.                          | person unable to work       | HIGH   | TIER_1
            es | El portátil se reinicia en bucle y no puedo trabajar.                                       | person unable to work       | HIGH   | TIER_1
            de | Der Drucker im Büro des Geschäftsführers zieht kein Papier mehr ein.                        | executive or VIP            | HIGH   | TIER_1
            fr | Le PDG n'arrive pas à projeter sa présentation dans la salle du conseil.                    | executive or VIP            | HIGH   | TIER_1
            es | El director general no puede abrir el correo en su tableta.                                 | executive or VIP            | HIGH   | TIER_1
            """)
    void raisesOnTheSameSignalsAsInEnglish(String language, String text, String rule, Priority priority,
            Level level) {
        var outcome = EscalationRules.apply(text, Priority.LOW, Level.TIER_1);

        assertThat(outcome.hits()).extracting(TriageDecision.RuleHit::rule).contains(rule);
        assertThat(outcome.priority()).isEqualTo(priority);
        assertThat(outcome.level()).isEqualTo(level);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            de | Ich habe eine verdächtige Mail mit einem Link bekommen, aber nichts angeklickt.
            fr | J'ai reçu un e-mail frauduleux qui imite la banque, je n'ai pas cliqué sur le lien.
            es | Me llegó un correo sospechoso con un adjunto, no lo he abierto y lo reenvío.
            """)
    void aSuspiciousMessageNobodyOpenedIsAtMostMediumAndRaisesNothing(String language, String text) {
        var outcome = EscalationRules.apply(text, Priority.URGENT, Level.TIER_1);

        assertThat(outcome.priority()).isEqualTo(Priority.MEDIUM);
        assertThat(outcome.hits()).extracting(TriageDecision.RuleHit::rule)
                .containsExactly(EscalationRules.NOT_INTERACTED_RULE);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            de | Der Lüfter ist laut, aber es gibt keinen Rauch und keinen Brandgeruch.
            de | Die Seite wollte mein Passwort, ich habe es nicht eingegeben. Bitte trotzdem prüfen, ob sie echt ist.
            fr | Le ventilateur fait du bruit mais il n'y a pas de fumée ni d'odeur de brûlé.
            fr | L'antivirus n'a rien détecté, mais le PC est lent.
            es | El ventilador hace ruido pero no hay humo ni olor a quemado.
            es | El antivirus no ha detectado nada, pero el equipo va lento.
            """)
    void negatedWordsDoNotCount(String language, String text) {
        var outcome = EscalationRules.apply(text, Priority.LOW, Level.TIER_1);

        assertThat(outcome.hits()).isEmpty();
        assertThat(outcome.priority()).isEqualTo(Priority.LOW);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            de | Bitte installieren Sie Visio auf meinem Rechner, die Lizenz ist freigegeben.
            de | Ich habe die PIN für mein Handy vergessen.
            fr | Mon portable a perdu la connexion Wi-Fi dans la salle de réunion.
            fr | Pouvez-vous installer Power BI sur mon poste pour les rapports mensuels ?
            es | Necesito que me instaléis AutoCAD para un proyecto nuevo.
            es | Outlook me pide la contraseña cada rato aunque la escribo bien.
            """)
    void ordinaryTicketsHitNothing(String language, String text) {
        var outcome = EscalationRules.apply(text, Priority.LOW, Level.TIER_1);

        assertThat(outcome.hits()).isEmpty();
    }

    @Test
    void aShortTitleWhoseLanguageCannotBeToldIsReadInEveryLanguage() {
        var german = EscalationRules.apply("Laptop gestohlen", Priority.LOW, Level.TIER_1);
        var spanish = EscalationRules.apply("Portátil robado", Priority.LOW, Level.TIER_1);

        assertThat(german.hits()).extracting(TriageDecision.RuleHit::rule).containsExactly("stolen device");
        assertThat(spanish.hits()).extracting(TriageDecision.RuleHit::rule).containsExactly("stolen device");
    }
}
