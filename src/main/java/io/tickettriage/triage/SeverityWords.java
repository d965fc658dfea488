package io.tickettriage.triage;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The severity rules' signals in German, French and Spanish: the same rules as the English ones in
 * {@link EscalationRules} (same names, floors and tiers), written for how each language says it rather than
 * translated word for word. German puts the verb last ("mein Passwort auf der Seite eingegeben"), French and
 * Spanish wrap a negation around the verb ("je n'ai pas cliqué", "no he hecho clic"); the patterns follow that.
 *
 * <p>Words that mean something else in English ("brand", "fume", "llamas") are left out or only taken in a
 * phrase, as a ticket whose language cannot be told is read with every language's words.
 */
final class SeverityWords {

    /**
     * One language's words: a pattern per rule name (a rule may have none), and the three patterns of the rule that
     * lowers a reported, untouched suspicious message.
     */
    record Words(Map<String, Pattern> rules, Pattern suspicious, Pattern notInteracted, Pattern interacted) {
    }

    /** Negations in any of the four languages; a rule's words right after one in the same clause do not count. */
    static final Pattern NEGATION = Pattern.compile("\\b(?:not|no|never|without|n't|nor|nicht|nichts|kein\\w*|nie|"
            + "niemals|ohne|ne|pas|jamais|sans|aucun\\w*|rien|nunca|sin|ni|nada|ningún|ninguna)\\b|n't\\b|\\bn'",
            Pattern.UNICODE_CHARACTER_CLASS);

    /** Words that end a clause for the negation check: a negation before them does not reach past. */
    static final String[] CLAUSE_JOINS = {" but ", " and ", " aber ", " und ", " sondern ", " mais ", " et ",
        " pero ", " y "};

    /** A gap of up to {@code n} characters within a sentence that holds no negation. */
    private static String gap(int n) {
        return "(?:(?!\\b(?:nicht|nichts|kein\\w*|nie|niemals|pas|rien|aucun\\w*|jamais|no|nada|ningún|ninguna|nunca)"
                + "\\b)[^.!?]){0," + n + "}";
    }

    private static Pattern words(String regex) {
        return Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
    }

    static final Map<String, Words> BY_LANGUAGE = Map.of("de", german(), "fr", french(), "es", spanish());

    private SeverityWords() {
    }

    private static Words german() {
        String many = "(?:alle (?:kolleg\\w*|mitarbeiter\\w*|nutzer\\w*|benutzer\\w*|anwender\\w*|kunden|user)|"
                + "(?:ganze|gesamte|komplette)[nms]? (?:\\w+ )?(?:büro|team|abteilung|standort|gebäude|etage|stockwerk|"
                + "firma|unternehmen|haus|niederlassung)|unternehmensweit|firmenweit|(?:viele|mehrere|\\d{2,}) "
                + "(?:kolleg\\w*|mitarbeiter\\w*|nutzer\\w*|benutzer\\w*|leute|personen|kunden))";
        String down = "(?:ausfall|ausgefallen|störung|down|offline|funktioniert nicht|funktionieren nicht|geht nicht|"
                + "gehen nicht|nicht erreichbar|nicht verfügbar|kein (?:internet|netz|netzwerk|wlan|zugriff|telefon)|"
                + "keine (?:verbindung|e-?mails?|mails)|ohne (?:internet|netz|verbindung)|(?:kann|können) nicht "
                + "(?:arbeiten|zugreifen|anmelden|einloggen)|stürzt ab|stürzen ab|abgestürzt|bricht ab|brechen ab|"
                + "bricht (?:ständig |immer wieder )?ab)";
        String device = "\\w*(?:laptop|notebook|handy|smartphone|iphone|tablet|ipad|macbook|rechner|computer|pc|"
                + "mobiltelefon|telefon|usb-stick|yubikey|sicherheitsschlüssel)";
        String secret = "(?:passwort|kennwort|zugangsdaten|anmeldedaten|login-daten|pin|tan|zugangscode|"
                + "bestätigungscode|sicherheitscode|einmalcode)";
        Map<String, Pattern> rules = Map.ofEntries(
                Map.entry(EscalationRules.OUTAGE_RULE, words("\\b" + down + "\\b.{0,80}\\b" + many + "\\b|\\b" + many
                        + "\\b.{0,80}\\b" + down + "\\b|\\bniemand\\b[^.]{0,40}\\b(?:büro|etage|gebäude|standort|team|"
                        + "abteilung|haus)\\b[^.]{0,40}\\b(?:hat|kann|bekommt|kommt)\\b")),
                Map.entry(EscalationRules.CREDENTIALS_RULE, words("\\b" + secret + "\\b" + gap(60) + "\\b(?:eingegeben|"
                        + "eingetippt|angegeben|weitergegeben|genannt|verraten|mitgeteilt|gesagt|preisgegeben|"
                        + "herausgegeben|gegeben)\\b|\\b(?:versehentlich|aus versehen)\\b[^.]{0,30}\\b(?:bestätigt|"
                        + "genehmigt)\\b|\\b(?:jemand|ein fremder|ein unbekannter)\\b" + gap(40) + "\\b(?:angemeldet|"
                        + "eingeloggt)\\b|\\b(?:unbekannte|ungewöhnliche|fremde)n? anmeldung|\\banmeldung\\b[^.]{0,60}"
                        + "\\b(?:das war ich nicht|nicht von mir|aus dem ausland)|\\b(?:von|aus) meinem (?:konto|"
                        + "postfach|account|e-?mail-konto)\\b[^.]{0,100}\\bnicht (?:geschickt|gesendet|verschickt|"
                        + "geschrieben)\\b|\\bmein (?:konto|postfach|account) (?:verschickt|versendet|sendet|hat\\b"
                        + "[^.]{0,40}\\b(?:verschickt|versendet|gesendet))")),
                Map.entry(EscalationRules.RANSOMWARE_RULE, words("\\b(?:ransomware|erpressungstrojaner|"
                        + "verschlüsselungstrojaner|lösegeld\\w*|(?:dateien|daten)\\b[^.]{0,30}\\bverschlüsselt|in "
                        + "bitcoins? (?:zahlen|bezahlen)|bitcoins? (?:zahlen|überweisen))")),
                Map.entry(EscalationRules.MALWARE_RULE, words("\\b(?:virenscanner|virenschutz|antivirus\\w*|defender|"
                        + "sicherheitssoftware|endpoint-schutz)\\b" + gap(60) + "\\b(?:gefunden|entdeckt|erkannt|findet|"
                        + "in quarantäne|meldet\\b" + gap(30) + "\\b(?:trojaner|virus|viren|bedrohung|schadsoftware|"
                        + "malware))|\\b(?:trojaner|schadsoftware|malware|virus|viren|wurm|spyware|keylogger|bedrohung)"
                        + "\\b" + gap(30) + "\\b(?:gefunden|entdeckt|erkannt|in quarantäne)|\\b(?:gefunden|entdeckt|"
                        + "erkannt)\\b" + gap(40) + "\\b(?:trojaner|schadsoftware|malware|virus|viren|spyware)\\b")),
                Map.entry(EscalationRules.STOLEN_DEVICE_RULE, words("\\b" + device + "\\b" + gap(60)
                        + "\\b(?:gestohlen|geklaut|entwendet)\\b|\\b(?:diebstahl|gestohlen\\w*|geklaut\\w*)\\b"
                        + gap(40) + "\\b" + device + "\\b")),
                Map.entry(EscalationRules.LOST_DEVICE_RULE, words("\\b" + device + "\\b(?:(?!pin|passwort|kennwort|"
                        + "code|ladegerät|kabel|verbindung|netz)[^.]){0,40}\\b(?:verloren|liegen ?(?:ge)?lassen|verlegt)"
                        + "\\b|\\b" + device + "\\b (?:ist )?(?:weg|verschwunden|unauffindbar)\\b")),
                Map.entry(EscalationRules.SECURITY_RULE, words("\\b(?:phishing|gephisht|schadsoftware|malware|"
                        + "ransomware|virus|viren|trojaner|datenleck|datenpanne|gehackt|kompromittiert|"
                        + "sicherheitsvorfall|verdächtige[nmr]? (?:anmeldung|aktivität|e-?mail|mail|nachricht|link)|"
                        + "auf (?:einen|den) (?:verdächtigen |gefälschten )?link\\b[^.]{0,40}\\bgeklickt|geleakt)\\b")),
                Map.entry(EscalationRules.FIRE_RULE, words("\\b(?:rauch|raucht|qualm|qualmt|brennt|feuer|flammen|"
                        + "in flammen)\\b")),
                Map.entry(EscalationRules.HAZARD_RULE, words("\\b(?:brandgeruch|riecht (?:nach )?(?:verbrannt\\w*|"
                        + "verschmort\\w*|kokelig)|verbrannt riecht|verschmort|funken|funkt|aufgebläht|aufgequollen|"
                        + "bläht sich|geschmolzen|stromschlag|blanke? (?:kabel|drähte)|kabel (?:liegt |liegen )?(?:frei|"
                        + "blank)|verletzt|verletzung)\\b")),
                Map.entry(EscalationRules.DATA_LOSS_RULE, words("\\b(?:datenverlust|(?:dateien|daten|dokumente|"
                        + "e-?mails|mails|ordner)\\b" + gap(60) + "\\b(?:gelöscht|verloren|weg|verschwunden|beschädigt|"
                        + "überschrieben)|versehentlich gelöscht|aus versehen gelöscht|festplatte (?:ist )?(?:defekt|"
                        + "kaputt|ausgefallen)|festplattenausfall|(?:backup|sicherung) (?:ist )?fehlgeschlagen)\\b")),
                Map.entry(EscalationRules.BLOCKED_RULE, words("\\b(?:(?:kann|können) (?:so |gerade |momentan |derzeit "
                        + "|gar )?nicht (?:mehr )?arbeiten|arbeiten ist (?:nicht )?(?:möglich|unmöglich))\\b")),
                Map.entry(EscalationRules.VIP_RULE, words("\\b(?:geschäftsführer\\w*|geschäftsführung|vorstand\\w*|"
                        + "aufsichtsrat|ceo|cfo|cto|vip)\\b")));
        return new Words(rules,
                words("\\b(?:verdächtig\\w*|phishing|gefälscht\\w*|betrug\\w*|betrügerisch\\w*|spam|fake|"
                        + "(?:seltsam|komisch)\\w* (?:e-?mail|mail|nachricht|link|sms)|unbekannte[nmr]? absender)\\b"),
                words("\\b(?:nicht|nichts|nie|niemals)\\s+(?:[\\wäöüß-]+\\s+){0,3}?(?:geöffnet|angeklickt|geklickt|"
                        + "eingegeben|heruntergeladen|beantwortet|geantwortet|eingesteckt|angeschlossen|ausgeführt)\\b"
                        + "|\\bohne (?:ihn |es |sie |den link |den anhang )?(?:zu öffnen|anzuklicken|zu klicken|zu "
                        + "antworten|einzustecken)\\b"),
                words("\\b(?:geklickt|angeklickt|geöffnet|eingegeben|heruntergeladen|geantwortet|beantwortet|"
                        + "eingesteckt|ausgeführt)\\b"));
    }

    private static Words french() {
        String many = "(?:tout le monde|tou(?:te)?s les (?:utilisateurs|collaborat\\w+|employés|salariés|collègues|"
                + "clients|agents|bureaux|postes)|tout l'(?:étage|immeuble|open space)|toute l'(?:équipe|entreprise|"
                + "agence|équipe)|tout le (?:site|bâtiment|service|bureau|étage|personnel|siège)|toute la (?:société|"
                + "direction|agence)|l'ensemble (?:des|du) \\w+|(?:plusieurs|de nombreux|beaucoup de|\\d{2,}) "
                + "(?:utilisateurs|collègues|personnes|employés|collaborat\\w+|clients))";
        String down = "(?:panne|en panne|hors service|hors ligne|ne fonctionne (?:plus|pas)|ne marche (?:plus|pas)|"
                + "inaccessibles?|indisponibles?|coupée?s?|coupure|plus (?:aucun )?(?:d')?accès|impossible de (?:se "
                + "connecter|travailler|accéder)|plantée?s?|plante|ne (?:peu(?:t|vent)|pouvons|peux) (?:pas|plus) "
                + "(?:travailler|se connecter|accéder)|pas d'internet|plus d'internet|sans (?:internet|réseau|connexion))";
        String device = "(?:ordinateur(?: portable)?|portable|pc|téléphone|smartphone|iphone|tablette|ipad|macbook|"
                + "mobile|clé usb|yubikey|clé de sécurité)";
        String secret = "(?:mot de passe|mots de passe|mdp|identifiants|code pin|code de vérification|code de sécurité|"
                + "code à usage unique|données de connexion)";
        Map<String, Pattern> rules = Map.ofEntries(
                Map.entry(EscalationRules.OUTAGE_RULE, words("\\b" + down + "\\b.{0,80}\\b" + many + "\\b|\\b" + many
                        + "\\b.{0,80}\\b" + down + "\\b|\\bpersonne (?:ne|n')[^.]{0,20}\\b(?:peut|a|arrive)\\b[^.]{0,40}"
                        + "\\b(?:au bureau|à l'étage|dans le bâtiment|sur le site|dans l'équipe|dans le service)\\b")),
                Map.entry(EscalationRules.CREDENTIALS_RULE, words("\\b(?:saisi|tapé|entré|donné|communiqué|transmis|"
                        + "partagé|indiqué|renseigné|fourni|dit)\\s+(?:mon|mes|le|les|notre|nos|son|ses)\\s+" + secret
                        + "\\b|\\b" + secret + "\\b[^.]{0,30}\\b(?:je l'ai|je les ai) (?:saisi|tapé|donné|communiqué)"
                        + "|\\b(?:approuvé|validé|accepté)\\b[^.]{0,40}\\bpar (?:erreur|mégarde)\\b|\\b(?:quelqu'un|un "
                        + "inconnu|une personne inconnue)\\b" + gap(30) + "\\bs'est connecté|\\bconnexion (?:inhabituelle|"
                        + "inconnue|non reconnue)|\\b(?:alerte|notification) de connexion\\b|\\bconnexion\\b[^.]{0,30}"
                        + "\\bdepuis (?:un (?:autre )?pays|l'étranger)|\\b(?:depuis|de) mon (?:compte|adresse|"
                        + "boîte)\\b[^.]{0,100}\\b(?:je n'ai (?:jamais|pas) (?:envoyé|écrit)|que je n'ai pas "
                        + "(?:envoyés?|écrits?))|\\bmon compte (?:envoie|a envoyé|est en train d'envoyer)\\b")),
                Map.entry(EscalationRules.RANSOMWARE_RULE, words("\\b(?:ransomware|rançongiciel|rançon|demande de "
                        + "rançon|fichiers\\b[^.]{0,30}\\b(?:chiffrés|cryptés)|payer en bitcoins?)\\b")),
                Map.entry(EscalationRules.MALWARE_RULE, words("\\b(?:antivirus|defender|logiciel de sécurité)\\b"
                        + gap(60) + "\\b(?:détecté|détecte|trouvé|trouve|bloqué|mis en quarantaine|signalé|signale|"
                        + "indique\\b" + gap(20) + "\\b(?:un |une )?(?:cheval de troie|virus|malware|logiciel "
                        + "malveillant|menace))|\\b(?:cheval de troie|logiciel malveillant|malware|virus|ver "
                        + "informatique|logiciel espion|keylogger)\\b" + gap(30) + "\\b(?:détecté|trouvé|bloqué|mis en "
                        + "quarantaine)e?|\\b(?:détecté|trouvé)\\b" + gap(40) + "\\b(?:cheval de troie|logiciel "
                        + "malveillant|malware|virus|logiciel espion)\\b")),
                Map.entry(EscalationRules.STOLEN_DEVICE_RULE, words("\\b(?:volée?s?|dérobée?s?|vol d[eu']|on m'a "
                        + "volé)\\b" + gap(60) + "\\b" + device + "\\b|\\b" + device + "\\b" + gap(40)
                        + "\\b(?:volée?s?|dérobée?s?)\\b")),
                Map.entry(EscalationRules.LOST_DEVICE_RULE, words("\\b(?:perdu|égaré|oublié)\\s+(?:mon|ma|le|la|notre)"
                        + "\\s+(?:\\w+\\s+)?" + device + "\\b|\\b" + device + "(?:\\s+\\w+)?\\s+(?:est|a été)\\s+"
                        + "(?:perdue?|égarée?|introuvable)\\b|\\b" + device + "(?:\\s+\\w+)?\\s+(?:introuvable|"
                        + "disparue?)\\b")),
                Map.entry(EscalationRules.SECURITY_RULE, words("\\b(?:phishing|hameçonnage|logiciel malveillant|"
                        + "malware|ransomware|rançongiciel|virus|cheval de troie|piraté|piratage|fuite de données|"
                        + "violation de données|incident de sécurité|(?:compte|poste|ordinateur|mot de passe) (?:a été "
                        + "|est )?compromis|(?:connexion|activité|e-?mail|mail|message|lien) suspecte?|cliqué sur (?:un|"
                        + "le) lien (?:suspect|frauduleux))\\b")),
                Map.entry(EscalationRules.FIRE_RULE, words("\\b(?:fumée|de la fumée|en feu|prend feu|pris feu|"
                        + "flammes|incendie)\\b")),
                Map.entry(EscalationRules.HAZARD_RULE, words("\\b(?:odeur de (?:plastique )?brûlé|sent le (?:brûlé|"
                        + "cramé)|étincelles?|gonflée?|bombée?|fondue?|décharge électrique|fils? (?:électriques? )?"
                        + "(?:dénudés?|à nu)|blessée?|blessure)\\b")),
                Map.entry(EscalationRules.DATA_LOSS_RULE, words("\\b(?:perte de données|(?:fichiers|données|documents|"
                        + "e-?mails|mails|dossiers?)\\b" + gap(60) + "\\b(?:supprimée?s?|effacée?s?|perdue?s?|"
                        + "disparue?s?|corrompue?s?|écrasée?s?)|(?:supprimé|effacé)e?s? par (?:erreur|accident)|disque "
                        + "(?:dur )?(?:en panne|mort|hs)|sauvegarde (?:a )?échoué)\\b")),
                Map.entry(EscalationRules.BLOCKED_RULE, words("\\b(?:ne (?:peux|pouvons|peut|peuvent) (?:pas|plus) "
                        + "travailler|impossible de travailler|(?:suis|sommes|est) bloquée?s?|bloquée? dans mon "
                        + "travail)\\b")),
                Map.entry(EscalationRules.VIP_RULE, words("\\b(?:pdg|directeur général|directrice générale|direction "
                        + "générale|comité de direction|codir|comex|président\\w*|ceo|cfo|vip)\\b")));
        return new Words(rules,
                words("\\b(?:suspect\\w*|phishing|hameçonnage|frauduleu\\w*|arnaque|faux|fausse|spam|étrange)\\b"),
                words("\\bn'(?:ai|avons|a|ont)\\s+(?:pas|jamais|rien)\\s+(?:\\w+\\s+){0,2}?(?:cliqué|ouvert|saisi|tapé|"
                        + "répondu|téléchargé|branché|entré|exécuté)\\b|\\bsans (?:l'|les? |la )?(?:ouvrir|cliquer|"
                        + "répondre|brancher|télécharger)\\b"),
                words("\\b(?:cliqué|ouvert (?:le|un|la|une) (?:lien|pièce jointe|fichier|document)|saisi|tapé|"
                        + "téléchargé|répondu|branché)\\b"));
    }

    private static Words spanish() {
        String many = "(?:todo el mundo|tod[oa]s (?:los|las) (?:usuarios|empleados|compañer[oa]s|trabajadores|"
                + "clientes|oficinas|sedes|equipos)|tod[oa] (?:la|el) (?:oficina|equipo|empresa|planta|departamento|"
                + "edificio|sede|centro|piso)|(?:varios|muchos|varias|muchas|\\d{2,}) (?:usuarios|compañer[oa]s|"
                + "personas|empleados|clientes))";
        String down = "(?:caída|caído|se ha caído|no funciona|no funcionan|sin (?:internet|red|conexión|correo|"
                + "servicio|acceso)|no (?:hay|tenemos|tienen) (?:internet|red|conexión|correo)|fuera de servicio|"
                + "no (?:podemos|pueden|puedo|puede) (?:trabajar|acceder|conectar\\w*)|inaccesible|no disponible|"
                + "se cae|se corta|cortad[oa])";
        String device = "(?:portátil|ordenador|computadora|pc|móvil|teléfono|celular|smartphone|iphone|tableta|ipad|"
                + "macbook|pendrive|memoria usb|llave usb|yubikey)";
        String secret = "(?:contraseña|clave|credenciales|pin|código de verificación|código de seguridad|datos de "
                + "acceso)";
        Map<String, Pattern> rules = Map.ofEntries(
                Map.entry(EscalationRules.OUTAGE_RULE, words("\\b" + down + "\\b.{0,80}\\b" + many + "\\b|\\b" + many
                        + "\\b.{0,80}\\b" + down + "\\b|\\bnadie\\b[^.]{0,40}\\b(?:oficina|planta|edificio|sede|equipo|"
                        + "departamento)\\b[^.]{0,40}\\b(?:tiene|puede|consigue)\\b|\\bnadie (?:en|de) (?:la|el) "
                        + "(?:oficina|planta|edificio|sede|equipo|departamento)\\b[^.]{0,40}\\b(?:tiene|puede|"
                        + "consigue)\\b")),
                Map.entry(EscalationRules.CREDENTIALS_RULE, words("\\b(?:introduje|he introducido|introducido|"
                        + "escribí|he escrito|puse|he puesto|di|he dado|dado|dije|he dicho|facilité|he facilitado|"
                        + "proporcioné|he proporcionado|metí|he metido)\\s+(?:mi|mis|la|las|el|los|su|sus)\\s+" + secret
                        + "\\b|\\b(?:aprobé|acepté|he aprobado|he aceptado)\\b[^.]{0,40}\\bpor (?:error|equivocación)\\b"
                        + "|\\b(?:alguien|un desconocido)\\b" + gap(30) + "\\b(?:ha iniciado|inició|ha entrado|entró)"
                        + "\\b|\\b(?:aviso|alerta|notificación) de inicio de sesión\\b|\\binicio de sesión "
                        + "(?:desconocido|inusual|extraño)|\\binicio de sesión\\b[^.]{0,30}\\bdesde (?:otro país|el "
                        + "extranjero)|\\b(?:desde|de) mi (?:cuenta|correo|buzón)\\b[^.]{0,100}\\bno (?:he|ha) "
                        + "(?:enviado|escrito)|\\bmi cuenta (?:envía|está enviando|ha enviado)\\b|\\bcorreos? "
                        + "(?:míos|de mi cuenta)\\b[^.]{0,60}\\b(?:yo )?no (?:he enviado|envié|escribí)\\b")),
                Map.entry(EscalationRules.RANSOMWARE_RULE, words("\\b(?:ransomware|secuestro de datos|(?:nota|mensaje|"
                        + "petición) de rescate|pidiendo (?:un )?rescate|archivos\\b[^.]{0,30}\\b(?:cifrados|encriptados)"
                        + "|pagar en bitcoins?)\\b")),
                Map.entry(EscalationRules.MALWARE_RULE, words("\\b(?:antivirus|defender|programa de seguridad)\\b"
                        + gap(60) + "\\b(?:ha encontrado|encontró|ha detectado|detectó|detecta|ha bloqueado|bloqueó|en "
                        + "cuarentena|muestra una alerta)\\b|\\b(?:troyano|malware|virus|gusano|spyware|programa "
                        + "malicioso|software malicioso|keylogger)\\b" + gap(30) + "\\b(?:detectado|encontrado|en "
                        + "cuarentena|bloqueado)\\b|\\b(?:detectado|encontrado|alerta (?:roja )?de)\\b" + gap(40)
                        + "\\b(?:troyano|malware|virus|programa malicioso|software malicioso)\\b")),
                Map.entry(EscalationRules.STOLEN_DEVICE_RULE, words("\\b(?:robad[oa]s?|robaron|robó|robo de|"
                        + "hurtad[oa]|sustraíd[oa])\\b" + gap(60) + "\\b" + device + "\\b|\\b" + device + "\\b" + gap(40)
                        + "\\b(?:robad[oa]|hurtad[oa]|sustraíd[oa])\\b")),
                Map.entry(EscalationRules.LOST_DEVICE_RULE, words("\\b(?:perdí|he perdido|extravié|he extraviado|"
                        + "olvidé|me dejé|me he dejado)\\s+(?:mi|el|la)\\s+(?:\\w+\\s+)?" + device + "\\b|\\b" + device
                        + "(?:\\s+\\w+)?\\s+(?:perdid[oa]|extraviad[oa]|desaparecid[oa])\\b")),
                Map.entry(EscalationRules.SECURITY_RULE, words("\\b(?:phishing|malware|ransomware|virus|troyano|"
                        + "hackead[oa]|pirateado|comprometid[oa]|fuga de datos|filtración de datos|incidente de "
                        + "seguridad|(?:correo|mensaje|enlace|actividad|inicio de sesión) sospechos[oa]|(?:hice|he "
                        + "hecho) clic en (?:un|el) enlace)\\b")),
                Map.entry(EscalationRules.FIRE_RULE, words("\\b(?:humo|echa humo|fuego|en llamas|incendio|ardiendo)\\b")),
                Map.entry(EscalationRules.HAZARD_RULE, words("\\b(?:olor a quemado|huele a quemado|chispas?|chispazos?|"
                        + "hinchad[oa]|abombad[oa]|derretid[oa]|descarga eléctrica|calambre|cables?\\b[^.]{0,30}"
                        + "\\b(?:pelados?|expuestos?|al aire)|herid[oa]|lesión|(?:me he|se ha) hecho daño)\\b")),
                Map.entry(EscalationRules.DATA_LOSS_RULE, words("\\b(?:pérdida de datos|(?:archivos|ficheros|datos|"
                        + "documentos|correos|carpetas?)\\b" + gap(60) + "\\b(?:borrad[oa]s|eliminad[oa]s|perdid[oa]s|"
                        + "desaparecid[oa]s|dañad[oa]s|corrupt[oa]s)|(?:borrad|eliminad)[oa]s? por error|borré sin "
                        + "querer|disco duro (?:roto|dañado|averiado)|(?:la )?copia de seguridad (?:ha )?fall(?:ado|ó))"
                        + "\\b")),
                Map.entry(EscalationRules.BLOCKED_RULE, words("\\b(?:no (?:puedo|podemos|pueden|puede) trabajar|"
                        + "imposible trabajar|sin poder trabajar|(?:estoy|estamos) bloquead[oa]s?)\\b")),
                Map.entry(EscalationRules.VIP_RULE, words("\\b(?:director general|directora general|consejero "
                        + "delegado|consejera delegada|consejo de administración|junta directiva|comité de dirección|"
                        + "presidente|presidenta|ceo|cfo|vip)\\b")));
        return new Words(rules,
                words("\\b(?:sospechos\\w*|phishing|fraude|fraudulent\\w*|estafa|falso|falsa|spam|extrañ\\w*|rar[oa]s?)"
                        + "\\b"),
                words("\\bno\\s+(?:(?:he|hice|había|lo he|la he|los he)\\s+)?(?:hecho clic|pinchado|pulsado|abierto|"
                        + "respondido|contestado|descargado|introducido|escrito|conectado|ejecutado|clic)\\b|\\bno "
                        + "(?:hice|he hecho|le di) (?:clic|click)\\b|\\bsin (?:abrir|hacer clic|pinchar|responder|"
                        + "conectar)(?:lo|la)?\\b"),
                words("\\b(?:hice clic|he hecho clic|hecho clic|pinché|he pinchado|abrí (?:el|un|la) (?:enlace|adjunto|"
                        + "archivo)|introduje|he introducido|descargué|he descargado|respondí|he respondido|conecté)\\b"));
    }
}
