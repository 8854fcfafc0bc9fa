<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ArrayData</name>
    <message>
        <source>scalar</source>
        <translation>Skalar</translation>
    </message>
    <message>
        <source>malformed numpy array: it needs an int tuple &apos;shape&apos;, a str &apos;dtype&apos; and bytes &apos;data&apos;</source>
        <translation>fehlerhaftes numpy-Array: es braucht ein int-Tupel &apos;shape&apos;, einen str &apos;dtype&apos; und bytes &apos;data&apos;</translation>
    </message>
    <message>
        <source>numpy arrays of dtype %1 cannot be shown (bool, int8 to int64, uint8 to uint64, float32 and float64 can)</source>
        <translation>numpy-Arrays mit dtype %1 können nicht gezeigt werden (bool, int8 bis int64, uint8 bis uint64, float32 und float64 schon)</translation>
    </message>
    <message>
        <source>malformed numpy array: byte order &apos;%1&apos; (expected &lt;, &gt;, | or =)</source>
        <translation>fehlerhaftes numpy-Array: Bytereihenfolge &apos;%1&apos; (erwartet &lt;, &gt;, | oder =)</translation>
    </message>
    <message>
        <source>malformed numpy array: dimension %1</source>
        <translation>fehlerhaftes numpy-Array: Dimension %1</translation>
    </message>
    <message>
        <source>malformed numpy array: shape too large</source>
        <translation>fehlerhaftes numpy-Array: Form zu groß</translation>
    </message>
    <message>
        <source>malformed numpy array: shape %1 of %2 needs %3 bytes of data, it has %4</source>
        <translation>fehlerhaftes numpy-Array: Form %1 von %2 braucht %3 Bytes Daten, es hat %4</translation>
    </message>
    <message>
        <source>row %1 is a %2, not a list of numbers</source>
        <translation>Zeile %1 ist ein %2, keine Liste von Zahlen</translation>
    </message>
    <message>
        <source>row 0 is empty</source>
        <translation>Zeile 0 ist leer</translation>
    </message>
    <message>
        <source>%1 × %2 numbers are more than the %3 shown from a list</source>
        <translation>%1 × %2 Zahlen sind mehr als die %3, die aus einer Liste gezeigt werden</translation>
    </message>
    <message>
        <source>row %1 has %2 items, row 0 has %3: not a rectangular array</source>
        <translation>Zeile %1 hat %2 Einträge, Zeile 0 hat %3: kein rechteckiges Array</translation>
    </message>
    <message>
        <source>item [%1][%2] is a number where the others are lists</source>
        <translation>Element [%1][%2] ist eine Zahl, wo die anderen Listen sind</translation>
    </message>
    <message>
        <source>item [%1][%2] is a %3, not a number</source>
        <translation>Element [%1][%2] ist ein %3, keine Zahl</translation>
    </message>
    <message>
        <source>item [%1][%2] has %3 channels</source>
        <translation>Element [%1][%2] hat %3 Kanäle</translation>
    </message>
    <message>
        <source>item [%1][%2] has %3 items, the first has %4</source>
        <translation>Element [%1][%2] hat %3 Einträge, das erste hat %4</translation>
    </message>
    <message>
        <source>item [%1][%2] holds a %3, not a number</source>
        <translation>Element [%1][%2] enthält ein %3, keine Zahl</translation>
    </message>
    <message>
        <source>an empty list is not an array</source>
        <translation>eine leere Liste ist kein Array</translation>
    </message>
    <message>
        <source>a %1 is not an array</source>
        <translation>ein %1 ist kein Array</translation>
    </message>
    <message>
        <source>%1 values per cell are too many to show</source>
        <translation>%1 Werte pro Zelle sind zu viele zum Zeigen</translation>
    </message>
</context>
<context>
    <name>ArrayImage</name>
    <message>
        <source>Grey</source>
        <translation>Grau</translation>
    </message>
    <message>
        <source>Hot</source>
        <translation>Glut</translation>
    </message>
    <message>
        <source>A 3-D array is drawn when its last dimension is 3 (RGB) or 4 (RGBA); this one is %1.</source>
        <translation>Ein 3-D-Array wird gezeichnet, wenn seine letzte Dimension 3 (RGB) oder 4 (RGBA) ist; dieses ist %1.</translation>
    </message>
    <message>
        <source>Only 2-D arrays (and H × W × 3 RGB) are drawn; this one is %1.</source>
        <translation>Nur 2-D-Arrays (und H × W × 3 RGB) werden gezeichnet; dieses ist %1.</translation>
    </message>
    <message>
        <source>%1 is too big to draw (at most %2 pixels); the table shows it.</source>
        <translation>%1 ist zu groß zum Zeichnen (höchstens %2 Pixel); die Tabelle zeigt es.</translation>
    </message>
    <message>
        <source>not enough memory for a %1 × %2 image</source>
        <translation>nicht genug Speicher für ein Bild von %1 × %2</translation>
    </message>
</context>
<context>
    <name>DeepLink</name>
    <message>
        <source>Not a usable pyroexplorer link: %1 (%2)</source>
        <translation>Kein verwendbarer pyroexplorer-Link: %1 (%2)</translation>
    </message>
    <message>
        <source>it must start with pyroexplorer://</source>
        <translation>er muss mit pyroexplorer:// beginnen</translation>
    </message>
    <message>
        <source>expected pyroexplorer://ns/… or pyroexplorer://object/…</source>
        <translation>erwartet wird pyroexplorer://ns/… oder pyroexplorer://object/…</translation>
    </message>
    <message>
        <source>a name-server link takes no parameters</source>
        <translation>ein Nameserver-Link hat keine Parameter</translation>
    </message>
    <message>
        <source>the name server address is missing</source>
        <translation>die Nameserver-Adresse fehlt</translation>
    </message>
    <message>
        <source>unterminated &apos;[&apos; in the name server address</source>
        <translation>nicht geschlossenes &apos;[&apos; in der Nameserver-Adresse</translation>
    </message>
    <message>
        <source>expected &apos;:PORT&apos; after &apos;]&apos;</source>
        <translation>nach &apos;]&apos; wird &apos;:PORT&apos; erwartet</translation>
    </message>
    <message>
        <source>an IPv6 address must be in brackets, e.g. [::1]:9090</source>
        <translation>eine IPv6-Adresse muss in eckigen Klammern stehen, z. B. [::1]:9090</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a port number</source>
        <translation>&apos;%1&apos; ist keine Portnummer</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a host name</source>
        <translation>&apos;%1&apos; ist kein Hostname</translation>
    </message>
    <message>
        <source>the object URI is missing</source>
        <translation>die Objekt-URI fehlt</translation>
    </message>
    <message>
        <source>unknown parameter &apos;%1&apos; (only &apos;method&apos; is known)</source>
        <translation>unbekannter Parameter &apos;%1&apos; (nur &apos;method&apos; ist bekannt)</translation>
    </message>
    <message>
        <source>the method name is empty</source>
        <translation>der Methodenname ist leer</translation>
    </message>
    <message>
        <source>unknown kind &apos;%1&apos; (expected &apos;ns&apos; or &apos;object&apos;)</source>
        <translation>unbekannte Art &apos;%1&apos; (erwartet wird &apos;ns&apos; oder &apos;object&apos;)</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Serializer</source>
        <translation>Serialisierer</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>Remote code</source>
        <translation>Entfernter Code</translation>
    </message>
    <message>
        <source>Name server</source>
        <translation>Nameserver</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>the daemon refused the connection: %1</source>
        <translation>der Daemon hat die Verbindung abgelehnt: %1</translation>
    </message>
    <message>
        <source>%1 (pick another serializer in the settings)</source>
        <translation>%1 (wählen Sie in den Einstellungen einen anderen Serialisierer)</translation>
    </message>
    <message>
        <source>the server refuses the %1 serializer and does not say which ones it accepts</source>
        <translation>der Server lehnt den Serialisierer %1 ab und sagt nicht, welche er akzeptiert</translation>
    </message>
    <message>
        <source>%1 (check the host and port)</source>
        <translation>%1 (prüfen Sie Host und Port)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>failing layer (e.g. &apos;Remote code&apos;), then the message</comment>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Invocation</name>
    <message>
        <source>unterminated single quote at %1</source>
        <translation>nicht geschlossenes einfaches Anführungszeichen bei %1</translation>
    </message>
    <message>
        <source>unterminated double quote at %1</source>
        <translation>nicht geschlossenes doppeltes Anführungszeichen bei %1</translation>
    </message>
    <message>
        <source>option %1 needs a value</source>
        <translation>Option %1 braucht einen Wert</translation>
    </message>
    <message>
        <source>--timeout needs a number of seconds, not &apos;%1&apos;</source>
        <translation>--timeout braucht eine Anzahl Sekunden, nicht „%1“</translation>
    </message>
    <message>
        <source>no command: expected &apos;call URI METHOD ARG...&apos;</source>
        <translation>kein Befehl: erwartet wird „call URI METHODE ARG...“</translation>
    </message>
    <message>
        <source>unsupported command &apos;%1&apos;: expected call, oneway or stream</source>
        <translation>nicht unterstützter Befehl „%1“: erwartet wird call, oneway oder stream</translation>
    </message>
    <message>
        <source>expected URI METHOD after &apos;%1&apos;</source>
        <translation>URI METHODE erwartet nach „%1“</translation>
    </message>
    <message>
        <source>argument %1: %2</source>
        <translation>Argument %1: %2</translation>
    </message>
    <message>
        <source>history entry without uri or method</source>
        <translation>Verlaufseintrag ohne URI oder Methode</translation>
    </message>
    <message>
        <source>bad keyword argument in history entry</source>
        <translation>ungültiges Schlüsselwortargument im Verlaufseintrag</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::ArgumentDelegate</name>
    <message>
        <source>Edit the items one by one</source>
        <translation>Die Elemente einzeln bearbeiten</translation>
    </message>
    <message>
        <source>hex digits, e.g. 00 ff 10</source>
        <translation>Hex-Ziffern, z. B. 00 ff 10</translation>
    </message>
    <message>
        <source>a Python literal, e.g. {&apos;a&apos;: (1, 2.5)}</source>
        <translation>ein Python-Literal, z. B. {&apos;a&apos;: (1, 2.5)}</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::ArgumentLine</name>
    <message>
        <source>argument %1 is empty</source>
        <translation>Argument %1 ist leer</translation>
    </message>
    <message>
        <source>%1 is not a Python literal; for a string write &apos;%1&apos;</source>
        <translation>%1 ist kein Python-Literal; für einen String &apos;%1&apos; schreiben</translation>
    </message>
    <message>
        <source>argument %1: %2</source>
        <translation>Argument %1: %2</translation>
    </message>
    <message>
        <source>keyword argument repeated: %1</source>
        <translation>Schlüsselwortargument doppelt: %1</translation>
    </message>
    <message>
        <source>positional argument follows keyword argument</source>
        <translation>Positionsargument nach Schlüsselwortargument</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::ArgumentModel</name>
    <message>
        <source>expected %1, got %2</source>
        <translation>%1 erwartet, %2 erhalten</translation>
    </message>
    <message>
        <source>argument %1</source>
        <translation>Argument %1</translation>
    </message>
    <message>
        <source>argument %1 (%2)</source>
        <translation>Argument %1 (%2)</translation>
    </message>
    <message>
        <source>unhashable dict key %1</source>
        <translation>nicht hashbarer dict-Schlüssel %1</translation>
    </message>
    <message>
        <source>unhashable set member %1</source>
        <translation>nicht hashbares set-Element %1</translation>
    </message>
    <message>
        <source>not an integer</source>
        <translation>keine ganze Zahl</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>keine Zahl</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a hex digit at %2</source>
        <translation>„%1“ ist keine Hex-Ziffer (bei %2)</translation>
    </message>
    <message>
        <source>odd number of hex digits</source>
        <translation>ungerade Anzahl von Hex-Ziffern</translation>
    </message>
    <message>
        <source>empty literal (write None for None)</source>
        <translation>leeres Literal (für None bitte None schreiben)</translation>
    </message>
    <message>
        <source>not a Pyro URI: %1</source>
        <translation>keine Pyro-URI: %1</translation>
    </message>
    <message>
        <source>int</source>
        <translation>int</translation>
    </message>
    <message>
        <source>float</source>
        <translation>float</translation>
    </message>
    <message>
        <source>str</source>
        <translation>str</translation>
    </message>
    <message>
        <source>bool</source>
        <translation>bool</translation>
    </message>
    <message>
        <source>bytes (hex)</source>
        <translation>bytes (hex)</translation>
    </message>
    <message>
        <source>bytes (text)</source>
        <translation>bytes (Text)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <source>list</source>
        <translation>list</translation>
    </message>
    <message>
        <source>tuple</source>
        <translation>tuple</translation>
    </message>
    <message>
        <source>dict</source>
        <translation>dict</translation>
    </message>
    <message>
        <source>set</source>
        <translation>set</translation>
    </message>
    <message>
        <source>Python literal</source>
        <translation>Python-Literal</translation>
    </message>
    <message>
        <source>callback proxy</source>
        <translation>Callback-Proxy</translation>
    </message>
    <message>
        <source>key: %1</source>
        <translation>Schlüssel: %1</translation>
    </message>
    <message>
        <source>key %1 is not hashable</source>
        <translation>Schlüssel %1 ist nicht hashbar</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid keyword name</source>
        <translation>„%1“ ist kein gültiger Schlüsselwortname</translation>
    </message>
    <message>
        <source>(positional)</source>
        <translation>(positionell)</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>Index</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>%1 is not a Python literal; for a string write &apos;%1&apos; (or pick the type str)</source>
        <translation>%1 ist kein Python-Literal; für einen String &apos;%1&apos; schreiben (oder den Typ str wählen)</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::ArrayView</name>
    <message>
        <source>Colour map for 2-D arrays</source>
        <translation>Farbskala für 2-D-Arrays</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Colours:</source>
        <translation>Farben:</translation>
    </message>
    <message>
        <source>Decoding…</source>
        <translation>Wird dekodiert…</translation>
    </message>
    <message>
        <source>Not an array that can be shown</source>
        <translation>Kein darstellbares Array</translation>
    </message>
    <message>
        <source>Cannot show this value as an array: %1</source>
        <translation>Dieser Wert lässt sich nicht als Array zeigen: %1</translation>
    </message>
    <message>
        <source>%1 · colours from %2 to %3</source>
        <translation>%1 · Farben von %2 bis %3</translation>
    </message>
    <message>
        <source>[%1, %2] = %3</source>
        <translation>[%1, %2] = %3</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::BatchBuilder</name>
    <message>
        <source>Run batch</source>
        <translation>Batch ausführen</translation>
    </message>
    <message>
        <source>Copy as Python code</source>
        <translation>Als Python-Code kopieren</translation>
    </message>
    <message>
        <source>Copy the batch as a Python script for the object&apos;s Pyro version</source>
        <translation>Den Batch als Python-Skript für die Pyro-Version des Objekts kopieren</translation>
    </message>
    <message>
        <source>Add current call</source>
        <translation>Aktuellen Aufruf hinzufügen</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>A batch goes to one object: %1</source>
        <translation>Ein Batch geht an ein Objekt: %1</translation>
    </message>
    <message>
        <source>A batch is sent with one serializer: pick the one of its first call</source>
        <translation>Ein Batch wird mit einem Serialisierer gesendet: den seines ersten Aufrufs wählen</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::BrowserWidget</name>
    <message>
        <source>Filter names (Ctrl+F)</source>
        <translation>Namen filtern (Strg+F)</translation>
    </message>
    <message>
        <source>Regex</source>
        <translation>Regex</translation>
    </message>
    <message>
        <source>Tags, comma separated</source>
        <translation>Tags, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>all of</source>
        <translation>alle von</translation>
    </message>
    <message>
        <source>any of</source>
        <translation>eines von</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>Tags:</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Show the registrations as a flat table</source>
        <translation>Die Registrierungen als flache Tabelle zeigen</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>manuell</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Copy &amp;name</source>
        <translation>&amp;Namen kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;URI</source>
        <translation>&amp;URI kopieren</translation>
    </message>
    <message>
        <source>Re&amp;gister…</source>
        <translation>Re&amp;gistrieren…</translation>
    </message>
    <message>
        <source>&amp;Edit tags…</source>
        <translation>Tags &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation>Ent&amp;fernen…</translation>
    </message>
    <message>
        <source>Check &amp;reachability</source>
        <translation>&amp;Erreichbarkeit prüfen</translation>
    </message>
    <message numerus="yes">
        <source>%n name(s)</source>
        <translation>
            <numerusform>%n Name</numerusform>
            <numerusform>%n Namen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n name(s)</source>
        <translation>
            <numerusform>%1 von %n Name</numerusform>
            <numerusform>%1 von %n Namen</numerusform>
        </translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Registrieren</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>URI of %1:</source>
        <translation>URI von %1:</translation>
    </message>
    <message>
        <source>Not a valid Pyro URI: %1</source>
        <translation>Keine gültige Pyro-URI: %1</translation>
    </message>
    <message>
        <source>Tags (comma separated, optional):</source>
        <translation>Tags (durch Kommas getrennt, optional):</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the registration &apos;%1&apos; from the name server?</source>
        <translation>Die Registrierung „%1“ aus dem Nameserver entfernen?</translation>
    </message>
    <message>
        <source>Edit tags</source>
        <translation>Tags bearbeiten</translation>
    </message>
    <message>
        <source>Tags of %1 (comma separated):</source>
        <translation>Tags von %1 (durch Kommas getrennt):</translation>
    </message>
    <message>
        <source>Refresh the listing automatically every N seconds (manual: F5)</source>
        <translation>Die Liste automatisch alle N Sekunden aktualisieren (manuell: F5)</translation>
    </message>
    <message>
        <source>More than %1 names: reachability is checked for the entries you scroll to</source>
        <translation>Mehr als %1 Namen: die Erreichbarkeit wird für die Einträge geprüft, zu denen Sie scrollen</translation>
    </message>
    <message>
        <source>Every entry&apos;s reachability is checked in the background</source>
        <translation>Die Erreichbarkeit jedes Eintrags wird im Hintergrund geprüft</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::CallSequenceModel</name>
    <message>
        <source>from %1
%2</source>
        <translation>von %1
%2</translation>
    </message>
    <message>
        <source>Explorer</source>
        <translation>Explorer</translation>
    </message>
    <message>
        <source>Remote object</source>
        <translation>Entferntes Objekt</translation>
    </message>
    <message>
        <source>Callback object</source>
        <translation>Callback-Objekt</translation>
    </message>
    <message>
        <source>oneway call out</source>
        <translation>Oneway-Aufruf hinaus</translation>
    </message>
    <message>
        <source>call out</source>
        <translation>Aufruf hinaus</translation>
    </message>
    <message>
        <source>oneway callback in</source>
        <translation>Oneway-Callback herein</translation>
    </message>
    <message>
        <source>callback in</source>
        <translation>Callback herein</translation>
    </message>
    <message>
        <source>callback error</source>
        <translation>Callback-Fehler</translation>
    </message>
    <message>
        <source>callback raised</source>
        <translation>Callback hat Ausnahme ausgelöst</translation>
    </message>
    <message>
        <source>callback reply</source>
        <translation>Callback-Antwort</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>reply</source>
        <translation>Antwort</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::CallbackHost</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Aufrufer</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Argumente</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Callback error (oneway, logged by the callback daemon):
%1</source>
        <translation>Callback-Fehler (oneway, vom Callback-Daemon protokolliert):
%1</translation>
    </message>
    <message>
        <source>Callback error (logged by the callback daemon, which closed the caller&apos;s connection):
%1</source>
        <translation>Callback-Fehler (vom Callback-Daemon protokolliert, der die Verbindung des Aufrufers geschlossen hat):
%1</translation>
    </message>
    <message>
        <source>callback error: %1</source>
        <translation>Callback-Fehler: %1</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::CallbackWorkbench</name>
    <message>
        <source>new object name, e.g. listener</source>
        <translation>neuer Objektname, z. B. listener</translation>
    </message>
    <message>
        <source>method name</source>
        <translation>Methodenname</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Zurückgeben</translation>
    </message>
    <message>
        <source>Raise</source>
        <translation>Auslösen</translation>
    </message>
    <message>
        <source>return value as a Python literal, or the exception message</source>
        <translation>Rückgabewert als Python-Literal oder die Meldung der Ausnahme</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Oneway</source>
        <translation>Oneway</translation>
    </message>
    <message>
        <source>Create object</source>
        <translation>Objekt anlegen</translation>
    </message>
    <message>
        <source>Remove object</source>
        <translation>Objekt entfernen</translation>
    </message>
    <message>
        <source>Copy URI</source>
        <translation>URI kopieren</translation>
    </message>
    <message>
        <source>Set reply</source>
        <translation>Antwort festlegen</translation>
    </message>
    <message>
        <source>Clear log</source>
        <translation>Protokoll leeren</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>Methode:</translation>
    </message>
    <message>
        <source>Reply:</source>
        <translation>Antwort:</translation>
    </message>
    <message>
        <source>Value / message:</source>
        <translation>Wert / Meldung:</translation>
    </message>
    <message>
        <source>Exception class:</source>
        <translation>Ausnahmeklasse:</translation>
    </message>
    <message>
        <source>Delay:</source>
        <translation>Verzögerung:</translation>
    </message>
    <message>
        <source>Incoming calls</source>
        <translation>Eingehende Aufrufe</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>Ablauf</translation>
    </message>
    <message>
        <source>Incoming calls (in time order):</source>
        <translation>Eingehende Aufrufe (in zeitlicher Reihenfolge):</translation>
    </message>
    <message>
        <source>Cannot create &apos;%1&apos;: %2</source>
        <translation>„%1“ kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>Callback daemon at %1</source>
        <translation>Callback-Daemon unter %1</translation>
    </message>
    <message>
        <source>Callback daemon starts with the first object</source>
        <translation>Der Callback-Daemon startet mit dem ersten Objekt</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>Verzögerung</translation>
    </message>
    <message>
        <source>raise %1(%2)</source>
        <translation>raise %1(%2)</translation>
    </message>
    <message>
        <source>return %1</source>
        <translation>return %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>Calls out and callbacks in (last %1 messages):</source>
        <translation>Aufrufe hinaus und Callbacks herein (letzte %1 Nachrichten):</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::ContainerDialog</name>
    <message>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <source>Add item</source>
        <translation>Element hinzufügen</translation>
    </message>
    <message>
        <source>Remove item</source>
        <translation>Element entfernen</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::HistoryModel</name>
    <message>
        <source> (oneway)</source>
        <translation> (oneway)</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>Argumente</translation>
    </message>
    <message>
        <source>Result or error</source>
        <translation>Ergebnis oder Fehler</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::HistoryView</name>
    <message>
        <source>Search the history (object, method, arguments, result)</source>
        <translation>Verlauf durchsuchen (Objekt, Methode, Argumente, Ergebnis)</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Copy as pyroctl command</source>
        <translation>Als pyroctl-Befehl kopieren</translation>
    </message>
    <message>
        <source>Copy as Python code</source>
        <translation>Als Python-Code kopieren</translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation>Verlauf leeren</translation>
    </message>
    <message>
        <source>Copy as</source>
        <translation>Kopieren als</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::InvokePanel</name>
    <message>
        <source>Oneway</source>
        <translation>Oneway</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Aufrufen</translation>
    </message>
    <message>
        <source>Call again</source>
        <translation>Erneut aufrufen</translation>
    </message>
    <message>
        <source>Cancel wait</source>
        <translation>Warten abbrechen</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>Wiederholung</translation>
    </message>
    <message>
        <source>Method to call</source>
        <translation>Aufzurufende Methode</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>profile timeout</source>
        <translation>Zeitlimit des Profils</translation>
    </message>
    <message>
        <source>Paste a pyroctl command line and press Enter to fill the form</source>
        <translation>pyroctl-Befehlszeile einfügen und mit Enter das Formular füllen</translation>
    </message>
    <message>
        <source>Add argument</source>
        <translation>Argument hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remember names, types and values as the starting point for this method</source>
        <translation>Namen, Typen und Werte als Ausgangspunkt für diese Methode merken</translation>
    </message>
    <message>
        <source>Copy as pyroctl command</source>
        <translation>Als pyroctl-Befehl kopieren</translation>
    </message>
    <message>
        <source>Copy as Python code</source>
        <translation>Als Python-Code kopieren</translation>
    </message>
    <message>
        <source>Timeout:</source>
        <translation>Zeitlimit:</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Stream</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>No serializer</source>
        <translation>Kein Serialisierer</translation>
    </message>
    <message>
        <source>Server side decoding under %1 fails: %2</source>
        <translation>Dekodieren auf der Serverseite mit %1 schlägt fehl: %2</translation>
    </message>
    <message>
        <source>The server receives (%1, %2 bytes): %3%4</source>
        <translation>Der Server empfängt (%1, %2 Bytes): %3%4</translation>
    </message>
    <message>
        <source>Pasted command: %1</source>
        <translation>Eingefügter Befehl: %1</translation>
    </message>
    <message>
        <source>Calling %1.%2 …</source>
        <translation>Rufe %1.%2 auf …</translation>
    </message>
    <message>
        <source>oneway: no reply</source>
        <translation>oneway: keine Antwort</translation>
    </message>
    <message>
        <source>Streaming into the Stream tab</source>
        <translation>Streame in den Reiter Stream</translation>
    </message>
    <message>
        <source>(stream)</source>
        <translation>(Stream)</translation>
    </message>
    <message>
        <source>Running a batch of %1 calls…</source>
        <translation>Führe einen Batch mit %1 Aufrufen aus…</translation>
    </message>
    <message>
        <source>batch of %1 calls in one round trip</source>
        <translation>Batch mit %1 Aufrufen in einem Umlauf</translation>
    </message>
    <message>
        <source>; %1 ran before the error</source>
        <translation>; %1 liefen vor dem Fehler</translation>
    </message>
    <message>
        <source>Serializer for this call; the first entry follows the connection settings</source>
        <translation>Serialisierer für diesen Aufruf; der erste Eintrag folgt den Verbindungseinstellungen</translation>
    </message>
    <message>
        <source>Serializer:</source>
        <translation>Serialisierer:</translation>
    </message>
    <message>
        <source>Unknown serializer &apos;%1&apos; (known: %2)</source>
        <translation>Unbekannter Serialisierer &apos;%1&apos; (bekannt: %2)</translation>
    </message>
    <message>
        <source>as settings (%1)</source>
        <translation>wie Einstellungen (%1)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>&amp;Call</source>
        <translation>&amp;Aufrufen</translation>
    </message>
    <message>
        <source>Arguments, e.g. 20, 22, kind=&apos;x&apos; — Enter calls</source>
        <translation>Argumente, z. B. 20, 22, kind=&apos;x&apos; — Enter ruft auf</translation>
    </message>
    <message>
        <source>Python arguments: literals, positional first, then NAME=VALUE (Ctrl+L)</source>
        <translation>Python-Argumente: Literale, erst positionelle, dann NAME=WERT (Strg+L)</translation>
    </message>
    <message>
        <source>Call the method (Enter in the argument line, Ctrl+Return anywhere)</source>
        <translation>Die Methode aufrufen (Enter in der Argumentzeile, Strg+Return überall)</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Argument grid, oneway, serializer, timeout, pin, paste a pyroctl command</source>
        <translation>Argumenttabelle, Oneway, Serialisierer, Zeitlimit, Anheften, pyroctl-Befehl einfügen</translation>
    </message>
    <message>
        <source>Call &amp;again</source>
        <translation>&amp;Erneut aufrufen</translation>
    </message>
    <message>
        <source>&amp;Arguments</source>
        <translation>Ar&amp;gumente</translation>
    </message>
    <message>
        <source>Put the focus in the argument line</source>
        <translation>Den Fokus in die Argumentzeile setzen</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>Anheften</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Forget the draft and start again from the pinned signature</source>
        <translation>Den Entwurf verwerfen und mit der angehefteten Signatur neu beginnen</translation>
    </message>
    <message>
        <source>Cannot be sent with %1: %2</source>
        <translation>Kann nicht mit %1 gesendet werden: %2</translation>
    </message>
    <message>
        <source> (changed by the serializer)</source>
        <translation> (vom Serialisierer verändert)</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::LatencyHistogram</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::LineChart</name>
    <message>
        <source>%1 samples per point</source>
        <translation>%1 Werte pro Punkt</translation>
    </message>
    <message numerus="yes">
        <source>only the first %n series shown</source>
        <translation>
            <numerusform>nur die erste Reihe gezeigt</numerusform>
            <numerusform>nur die ersten %n Reihen gezeigt</numerusform>
        </translation>
    </message>
    <message>
        <source>+%1 more</source>
        <translation>+%1 weitere</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::MainWindow</name>
    <message>
        <source>Select a method to call it.</source>
        <translation>Wählen Sie eine Methode, um sie aufzurufen.</translation>
    </message>
    <message>
        <source>Callback workbench</source>
        <translation>Callback-Werkbank</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Name server %1: %2</source>
        <translation>Nameserver %1: %2</translation>
    </message>
    <message>
        <source>Name server %1</source>
        <translation>Nameserver %1</translation>
    </message>
    <message>
        <source>Connected to %1 (%2)</source>
        <translation>Verbunden mit %1 (%2)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Connect to &amp;name server…</source>
        <translation>Mit &amp;Nameserver verbinden…</translation>
    </message>
    <message>
        <source>Open &amp;URI…</source>
        <translation>&amp;URI öffnen…</translation>
    </message>
    <message>
        <source>&amp;Locate name server</source>
        <translation>Nameserver &amp;suchen</translation>
    </message>
    <message>
        <source>&amp;Recent name servers</source>
        <translation>&amp;Zuletzt verwendete Nameserver</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Name server</source>
        <translation>&amp;Nameserver</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <source>&amp;Call</source>
        <translation>Auf&amp;ruf</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Pyro Explorer</source>
        <translation>&amp;Über Pyro Explorer</translation>
    </message>
    <message>
        <source>The embedded demo could not start: %1</source>
        <translation>Die eingebaute Demo konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Demo objects are served by this process at %1</source>
        <translation>Die Demo-Objekte werden von diesem Prozess unter %1 bereitgestellt</translation>
    </message>
    <message>
        <source>Looking for a name server…</source>
        <translation>Suche einen Nameserver…</translation>
    </message>
    <message>
        <source>PYRO_NS_HOST=%1</source>
        <translation>PYRO_NS_HOST=%1</translation>
    </message>
    <message>
        <source>UDP broadcast to port %1 (%2)</source>
        <translation>UDP-Broadcast an Port %1 (%2)</translation>
    </message>
    <message>
        <source>%1:%2</source>
        <translation>%1:%2</translation>
    </message>
    <message>
        <source>Not a name server address: %1 (expected HOST[:PORT])</source>
        <translation>Keine Nameserver-Adresse: %1 (erwartet wird HOST[:PORT])</translation>
    </message>
    <message>
        <source>Listing %1…</source>
        <translation>Lese %1…</translation>
    </message>
    <message>
        <source>Open URI</source>
        <translation>URI öffnen</translation>
    </message>
    <message>
        <source>Connect to name server</source>
        <translation>Mit Nameserver verbinden</translation>
    </message>
    <message>
        <source>Name server (HOST[:PORT]):</source>
        <translation>Nameserver (HOST[:PORT]):</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>About Pyro Explorer</source>
        <translation>Über Pyro Explorer</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Pyro Explorer %1&lt;/h3&gt;&lt;p&gt;Browse Pyro4 and Pyro5 name servers, inspect remote objects, call their methods, watch streams and test callbacks.&lt;/p&gt;&lt;p&gt;Speaks Pyro4 protocol 48 (Pyro4 4.82) and Pyro5 protocol 502 (Pyro5 5.16), detected per name server and object.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Pyro Explorer %1&lt;/h3&gt;&lt;p&gt;Pyro4- und Pyro5-Nameserver durchsuchen, entfernte Objekte untersuchen, ihre Methoden aufrufen, Streams beobachten und Callbacks testen.&lt;/p&gt;&lt;p&gt;Spricht Pyro4-Protokoll 48 (Pyro4 4.82) und Pyro5-Protokoll 502 (Pyro5 5.16), je Nameserver und Objekt erkannt.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Copy &amp;deep link</source>
        <translation>Deep-&amp;Link kopieren</translation>
    </message>
    <message>
        <source>Copy a pyroexplorer:// link that opens this object (and the selected method)</source>
        <translation>Einen pyroexplorer://-Link kopieren, der dieses Objekt (und die gewählte Methode) öffnet</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>%1 kopiert</translation>
    </message>
    <message>
        <source>Copy deep link</source>
        <translation>Deep-Link kopieren</translation>
    </message>
    <message>
        <source>Open link</source>
        <translation>Link öffnen</translation>
    </message>
    <message>
        <source>PYRO:, PYRONAME: or PYROMETA: URI, or a pyroexplorer:// link:</source>
        <translation>PYRO:-, PYRONAME:- oder PYROMETA:-URI oder ein pyroexplorer://-Link:</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>Connect…</source>
        <translation>Verbinden…</translation>
    </message>
    <message>
        <source>Start demo</source>
        <translation>Demo starten</translation>
    </message>
    <message>
        <source>Serve the demo objects and a name server from this process</source>
        <translation>Die Demo-Objekte und einen Nameserver aus diesem Prozess bereitstellen</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No name server at %1&lt;/h3&gt;&lt;p&gt;%2&lt;/p&gt;&lt;p&gt;Retry, connect to another one (File › Connect to name server…, Ctrl+O), or start the demo.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Kein Nameserver unter %1&lt;/h3&gt;&lt;p&gt;%2&lt;/p&gt;&lt;p&gt;Erneut versuchen, mit einem anderen verbinden (Datei › Mit Nameserver verbinden…, Strg+O) oder die Demo starten.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Stream</source>
        <translation>&amp;Stream</translation>
    </message>
    <message>
        <source>Name server &amp;browser</source>
        <translation>Nameserver-&amp;Browser</translation>
    </message>
    <message>
        <source>&amp;Inspector</source>
        <translation>&amp;Inspektor</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No name server found&lt;/h3&gt;&lt;p&gt;Tried: %1.&lt;/p&gt;&lt;p&gt;%2&lt;/p&gt;&lt;p&gt;Use &lt;b&gt;File › Connect to name server…&lt;/b&gt; (Ctrl+O), open an object URI (Ctrl+U), or start &lt;tt&gt;pyro-explorer --demo&lt;/tt&gt;.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Kein Nameserver gefunden&lt;/h3&gt;&lt;p&gt;Versucht: %1.&lt;/p&gt;&lt;p&gt;%2&lt;/p&gt;&lt;p&gt;&lt;b&gt;Datei › Mit Nameserver verbinden…&lt;/b&gt; (Strg+O) verwenden, eine Objekt-URI öffnen (Strg+U) oder &lt;tt&gt;pyro-explorer --demo&lt;/tt&gt; starten.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Watches</source>
        <translation>Beobachtungen</translation>
    </message>
    <message>
        <source>Watch</source>
        <translation>Beobachten</translation>
    </message>
    <message>
        <source>Call this method again and again in the Watches dock (calls without arguments)</source>
        <translation>Diese Methode im Beobachtungsfenster immer wieder aufrufen (Aufrufe ohne Argumente)</translation>
    </message>
    <message>
        <source>Only calls without arguments can be watched</source>
        <translation>Nur Aufrufe ohne Argumente können beobachtet werden</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::NameFilterProxyModel</name>
    <message>
        <source>invalid regular expression at %1: %2</source>
        <translation>ungültiger regulärer Ausdruck bei %1: %2</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::NameServerModel</name>
    <message>
        <source>registered with the wildcard address %1: clients cannot connect to it; the daemon should use its real host name or NATHOST</source>
        <translation>mit der Platzhalteradresse %1 registriert: Clients können sich damit nicht verbinden; der Daemon sollte seinen echten Hostnamen oder NATHOST verwenden</translation>
    </message>
    <message>
        <source>registered with the loopback address %1 of another machine: only that machine can reach it</source>
        <translation>mit der Loopback-Adresse %1 eines anderen Rechners registriert: nur dieser Rechner kann es erreichen</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>prüfe…</translation>
    </message>
    <message>
        <source>reachable</source>
        <translation>erreichbar</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>abgewiesen</translation>
    </message>
    <message>
        <source>no route / timeout</source>
        <translation>keine Route / Zeitüberschreitung</translation>
    </message>
    <message>
        <source>reached, but rejected</source>
        <translation>erreicht, aber abgelehnt</translation>
    </message>
    <message>
        <source>bad address</source>
        <translation>ungültige Adresse</translation>
    </message>
    <message>
        <source>%1 (bad address)</source>
        <translation>%1 (ungültige Adresse)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>URI</source>
        <translation>URI</translation>
    </message>
    <message>
        <source>Host:port</source>
        <translation>Host:Port</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Reachability</source>
        <translation>Erreichbarkeit</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::ObjectInspector</name>
    <message>
        <source>No object selected</source>
        <translation>Kein Objekt ausgewählt</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Neu verbinden</translation>
    </message>
    <message>
        <source>Connect again and reload the metadata</source>
        <translation>Neu verbinden und die Metadaten neu laden</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>Attribute</translation>
    </message>
    <message>
        <source>Read values</source>
        <translation>Werte lesen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>%1  (oneway)</source>
        <translation>%1  (oneway)</translation>
    </message>
    <message>
        <source>oneway: returns at once, no result or error comes back</source>
        <translation>oneway: kehrt sofort zurück, es kommt weder Ergebnis noch Fehler zurück</translation>
    </message>
    <message>
        <source>(not read)</source>
        <translation>(nicht gelesen)</translation>
    </message>
    <message>
        <source>The server publishes no metadata (Pyro4 METADATA off, or a server older than 4.27). You can still call methods by name.</source>
        <translation>Der Server veröffentlicht keine Metadaten (Pyro4 METADATA aus oder ein Server älter als 4.27). Methoden lassen sich trotzdem über ihren Namen aufrufen.</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Verbunden mit %1</translation>
    </message>
    <message>
        <source>serializer %1</source>
        <translation>Serialisierer %1</translation>
    </message>
    <message>
        <source>handshake %1 ms</source>
        <translation>Handshake %1 ms</translation>
    </message>
    <message>
        <source>ping %1 ms</source>
        <translation>Ping %1 ms</translation>
    </message>
    <message>
        <source>Flame exposed</source>
        <translation>Flame offen</translation>
    </message>
    <message>
        <source>The daemon exposes Pyro.Flame: anyone who can connect can run code on that machine</source>
        <translation>Der Daemon stellt Pyro.Flame bereit: Wer sich verbinden kann, kann auf diesem Rechner Code ausführen</translation>
    </message>
    <message>
        <source>accepts pickle</source>
        <translation>akzeptiert pickle</translation>
    </message>
    <message>
        <source>The server accepts the pickle serializer, which can run arbitrary code</source>
        <translation>Der Server akzeptiert den Serialisierer pickle, der beliebigen Code ausführen kann</translation>
    </message>
    <message>
        <source>session uses pickle</source>
        <translation>Sitzung nutzt pickle</translation>
    </message>
    <message>
        <source>This session sends pickle</source>
        <translation>Diese Sitzung sendet pickle</translation>
    </message>
    <message>
        <source>no HMAC</source>
        <translation>kein HMAC</translation>
    </message>
    <message>
        <source>Messages are not authenticated</source>
        <translation>Nachrichten sind nicht authentifiziert</translation>
    </message>
    <message>
        <source>no TLS</source>
        <translation>kein TLS</translation>
    </message>
    <message>
        <source>Traffic is not encrypted</source>
        <translation>Der Datenverkehr ist nicht verschlüsselt</translation>
    </message>
    <message>
        <source>(error: %1)</source>
        <translation>(Fehler: %1)</translation>
    </message>
    <message>
        <source>%1 — edit to set it</source>
        <translation>%1 — bearbeiten, um ihn zu setzen</translation>
    </message>
    <message>
        <source>&amp;Methods</source>
        <translation>&amp;Methoden</translation>
    </message>
    <message>
        <source>Click to fill the form; double-click or Enter to call (or to type the arguments)</source>
        <translation>Klick füllt das Formular; Doppelklick oder Enter ruft auf (oder setzt den Cursor in die Argumente)</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>A Python literal; edit to set the attribute</source>
        <translation>Ein Python-Literal; bearbeiten, um das Attribut zu setzen</translation>
    </message>
    <message>
        <source>Disconnected: %1</source>
        <translation>Getrennt: %1</translation>
    </message>
    <message>
        <source>The object speaks %1 (detected at the handshake)</source>
        <translation>Das Objekt spricht %1 (beim Verbindungsaufbau erkannt)</translation>
    </message>
    <message>
        <source>&amp;Watch</source>
        <translation>&amp;Beobachten</translation>
    </message>
    <message>
        <source>Call this method (without arguments) repeatedly in the Watches dock</source>
        <translation>Diese Methode (ohne Argumente) im Beobachtungsfenster wiederholt aufrufen</translation>
    </message>
    <message>
        <source>Read this attribute repeatedly in the Watches dock</source>
        <translation>Dieses Attribut im Beobachtungsfenster wiederholt lesen</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::ReachabilityChecker</name>
    <message>
        <source>0.0.0.0 is not an address one can connect to</source>
        <translation>0.0.0.0 ist keine Adresse, mit der man sich verbinden kann</translation>
    </message>
    <message>
        <source>handshake OK</source>
        <translation>Handshake in Ordnung</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::RepeatPanel</name>
    <message>
        <source>Repeat</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Times:</source>
        <translation>Anzahl:</translation>
    </message>
    <message>
        <source>Running %1 calls…</source>
        <translation>Führe %1 Aufrufe aus…</translation>
    </message>
    <message>
        <source>%1 calls: min %2 ms, mean %3 ms, max %4 ms</source>
        <translation>%1 Aufrufe: min %2 ms, Mittel %3 ms, max %4 ms</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::ResultView</name>
    <message>
        <source>Tree</source>
        <translation>Baum</translation>
    </message>
    <message>
        <source>Python repr</source>
        <translation>Python-repr</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>No remote traceback</source>
        <translation>Kein entfernter Traceback</translation>
    </message>
    <message>
        <source>Remote traceback:</source>
        <translation>Entfernter Traceback:</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the result as shown (repr, JSON, or error with traceback)</source>
        <translation>Das Ergebnis wie angezeigt kopieren (repr, JSON oder Fehler mit Traceback)</translation>
    </message>
    <message>
        <source>round trip %1 ms</source>
        <translation>Umlaufzeit %1 ms</translation>
    </message>
    <message>
        <source>request %1</source>
        <translation>Anfrage %1</translation>
    </message>
    <message>
        <source>reply %1</source>
        <translation>Antwort %1</translation>
    </message>
    <message>
        <source>
… (cut at %1 characters; the tree shows everything)</source>
        <translation>
… (nach %1 Zeichen abgeschnitten; der Baum zeigt alles)</translation>
    </message>
    <message>
        <source>Array</source>
        <translation>Array</translation>
    </message>
    <message>
        <source>Open in the inspector</source>
        <translation>Im Inspektor öffnen</translation>
    </message>
    <message>
        <source>Call a method of it…</source>
        <translation>Eine Methode davon aufrufen…</translation>
    </message>
    <message>
        <source>Copy URI</source>
        <translation>URI kopieren</translation>
    </message>
    <message>
        <source>Show as image</source>
        <translation>Als Bild zeigen</translation>
    </message>
    <message>
        <source>Show as table</source>
        <translation>Als Tabelle zeigen</translation>
    </message>
    <message>
        <source>Copy value</source>
        <translation>Wert kopieren</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::SettingsDialog</name>
    <message>
        <source>Connection settings</source>
        <translation>Verbindungseinstellungen</translation>
    </message>
    <message>
        <source>Default profile</source>
        <translation>Standardprofil</translation>
    </message>
    <message>
        <source>Profile for the name server %1</source>
        <translation>Profil für den Nameserver %1</translation>
    </message>
    <message>
        <source>&amp;Serializer:</source>
        <translation>&amp;Serialisierer:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>&amp;Zeitlimit:</translation>
    </message>
    <message>
        <source>Re-send a call after a timeout or closed connection (the call may run twice)</source>
        <translation>Einen Aufruf nach Zeitüberschreitung oder geschlossener Verbindung erneut senden (der Aufruf kann doppelt laufen)</translation>
    </message>
    <message>
        <source>&amp;Retries:</source>
        <translation>&amp;Wiederholungen:</translation>
    </message>
    <message>
        <source>&amp;HMAC key:</source>
        <translation>&amp;HMAC-Schlüssel:</translation>
    </message>
    <message>
        <source>Ask for the object&apos;s metadata when connecting</source>
        <translation>Beim Verbinden die Metadaten des Objekts abfragen</translation>
    </message>
    <message>
        <source>Off: no methods or attributes are listed, and every call is sent without checking the name</source>
        <translation>Aus: Es werden keine Methoden oder Attribute aufgelistet, und jeder Aufruf wird ohne Prüfung des Namens gesendet</translation>
    </message>
    <message>
        <source>Compress large requests (zlib)</source>
        <translation>Große Anfragen komprimieren (zlib)</translation>
    </message>
    <message>
        <source>Allow pickle (unsafe: the peer can run code here)</source>
        <translation>pickle erlauben (unsicher: die Gegenseite kann hier Code ausführen)</translation>
    </message>
    <message>
        <source>Use &amp;TLS</source>
        <translation>&amp;TLS verwenden</translation>
    </message>
    <message>
        <source>CA certificates:</source>
        <translation>CA-Zertifikate:</translation>
    </message>
    <message>
        <source>Client certificate:</source>
        <translation>Client-Zertifikat:</translation>
    </message>
    <message>
        <source>Client key:</source>
        <translation>Client-Schlüssel:</translation>
    </message>
    <message>
        <source>Automatic (detect Pyro4 or Pyro5)</source>
        <translation>Automatisch (Pyro4 oder Pyro5 erkennen)</translation>
    </message>
    <message>
        <source>Pyro4 (protocol 48)</source>
        <translation>Pyro4 (Protokoll 48)</translation>
    </message>
    <message>
        <source>Pyro5 (protocol 502)</source>
        <translation>Pyro5 (Protokoll 502)</translation>
    </message>
    <message>
        <source>&amp;Protocol:</source>
        <translation>&amp;Protokoll:</translation>
    </message>
    <message>
        <source>Pyro5 has no HMAC; use TLS to protect the connection</source>
        <translation>Pyro5 kennt kein HMAC; schützen Sie die Verbindung mit TLS</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::StreamChart</name>
    <message>
        <source>P&amp;lot:</source>
        <translation>&amp;Zeichnen:</translation>
    </message>
    <message>
        <source>Se&amp;ries by:</source>
        <translation>&amp;Reihen nach:</translation>
    </message>
    <message>
        <source>The number to draw: a field of the items, or the item itself</source>
        <translation>Die zu zeichnende Zahl: ein Feld der Elemente oder das Element selbst</translation>
    </message>
    <message>
        <source>One line per value of this field (e.g. symbol), or one line for all items</source>
        <translation>Eine Linie je Wert dieses Feldes (z. B. symbol) oder eine Linie für alle Elemente</translation>
    </message>
    <message>
        <source>Field to plot</source>
        <translation>Zu zeichnendes Feld</translation>
    </message>
    <message>
        <source>Series by field</source>
        <translation>Reihen nach Feld</translation>
    </message>
    <message>
        <source>Stream chart</source>
        <translation>Stream-Diagramm</translation>
    </message>
    <message>
        <source>(one series)</source>
        <translation>(eine Reihe)</translation>
    </message>
    <message>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Numbers in the items are charted here over time.</source>
        <translation>Zahlen in den Elementen werden hier über der Zeit gezeichnet.</translation>
    </message>
    <message>
        <source>The items have no numbers to chart.</source>
        <translation>Die Elemente enthalten keine Zahlen zum Zeichnen.</translation>
    </message>
    <message>
        <source>No item matches the filter.</source>
        <translation>Kein Element passt zum Filter.</translation>
    </message>
    <message>
        <source>No shown item has the field %1.</source>
        <translation>Kein angezeigtes Element hat das Feld %1.</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::StreamConsole</name>
    <message>
        <source>Filter items (regular expression)</source>
        <translation>Elemente filtern (regulärer Ausdruck)</translation>
    </message>
    <message>
        <source>Export stream</source>
        <translation>Stream exportieren</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl);;CSV (*.csv)</source>
        <translation>JSON-Zeilen (*.jsonl);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>stream ended</source>
        <translation>Stream beendet</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n Element</numerusform>
            <numerusform>%n Elemente</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 items/s</source>
        <translation>%1 Elemente/s</translation>
    </message>
    <message>
        <source>%1 oldest dropped (keeping %2)</source>
        <translation>%1 älteste verworfen (%2 behalten)</translation>
    </message>
    <message>
        <source>%1 held</source>
        <translation>%1 angehalten</translation>
    </message>
    <message>
        <source>Stream items</source>
        <translation>Stream-Elemente</translation>
    </message>
    <message>
        <source>Filter items</source>
        <translation>Elemente filtern</translation>
    </message>
    <message>
        <source>Pause &amp;auto-scroll</source>
        <translation>&amp;Automatisches Scrollen anhalten</translation>
    </message>
    <message>
        <source>Keep the table where it is instead of following the newest item</source>
        <translation>Die Tabelle an ihrer Stelle lassen, statt dem neuesten Element zu folgen</translation>
    </message>
    <message>
        <source>Pause &amp;pulling</source>
        <translation>A&amp;bholen anhalten</translation>
    </message>
    <message>
        <source>Stop asking the server for items: the remote generator is not advanced while paused</source>
        <translation>Keine Elemente mehr beim Server anfordern: Der entfernte Generator läuft während der Pause nicht weiter</translation>
    </message>
    <message>
        <source>S&amp;tep</source>
        <translation>&amp;Einzelschritt</translation>
    </message>
    <message>
        <source>While paused: show one more item, pulling exactly one from the server when none is waiting</source>
        <translation>Während der Pause: ein weiteres Element zeigen und genau eines vom Server abholen, wenn keines wartet</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stopp</translation>
    </message>
    <message>
        <source>Stop the stream and close it on the server</source>
        <translation>Den Stream stoppen und auf dem Server schließen</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>%1 konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source>%1 shown, filtering…</source>
        <translation>%1 angezeigt, filtere…</translation>
    </message>
    <message>
        <source>%1 shown</source>
        <translation>%1 angezeigt</translation>
    </message>
    <message>
        <source>pulling paused</source>
        <translation>Abholen angehalten</translation>
    </message>
    <message>
        <source>Start or stop the stream</source>
        <translation>Stream starten oder stoppen</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Stop the stream and close it on the server (Esc)</source>
        <translation>Stream anhalten und auf dem Server schließen (Esc)</translation>
    </message>
    <message>
        <source>Call the method in the call line and stream its items here</source>
        <translation>Die Methode der Aufrufzeile aufrufen und ihre Elemente hier zeigen</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::StreamModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::ValueTreeModel</name>
    <message>
        <source>result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>%1 items: %2…</source>
        <translation>%1 Elemente: %2…</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s)
hex: %1
text: %2</source>
        <translation>
            <numerusform>%n Byte
hex: %1
Text: %2</numerusform>
            <numerusform>%n Bytes
hex: %1
Text: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>%1
Double-click or Enter: open in the inspector; right-click: call, copy URI</source>
        <translation>%1
Doppelklick oder Eingabe: im Inspektor öffnen; Rechtsklick: aufrufen, URI kopieren</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::Watch</name>
    <message>
        <source>No proxy for %1</source>
        <translation>Kein Proxy für %1</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>unreachable, retrying every %1 s: %2</source>
        <translation>nicht erreichbar, neuer Versuch alle %1 s: %2</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>waiting for a slow reply</source>
        <translation>wartet auf eine langsame Antwort</translation>
    </message>
    <message>
        <source>polling</source>
        <translation>fragt ab</translation>
    </message>
    <message>
        <source>waiting for the first reply</source>
        <translation>wartet auf die erste Antwort</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::WatchDock</name>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>Ent&amp;fernen</translation>
    </message>
    <message>
        <source>Watches</source>
        <translation>Beobachtungen</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>How often the selected watch asks (0.1 to 60 seconds)</source>
        <translation>Wie oft die gewählte Beobachtung fragt (0,1 bis 60 Sekunden)</translation>
    </message>
    <message>
        <source>Poll interval</source>
        <translation>Abfrageintervall</translation>
    </message>
    <message>
        <source>&amp;Every:</source>
        <translation>A&amp;lle:</translation>
    </message>
    <message>
        <source>Resu&amp;me</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Stop asking for the selected watch until resumed</source>
        <translation>Die gewählte Beobachtung bis zum Fortsetzen nicht mehr abfragen</translation>
    </message>
    <message>
        <source>Stop watching the selected member</source>
        <translation>Das gewählte Mitglied nicht mehr beobachten</translation>
    </message>
    <message>
        <source>Watch an attribute or a method without arguments: right-click it in the inspector (or a call in the history) and choose Watch.</source>
        <translation>Ein Attribut oder eine Methode ohne Argumente beobachten: im Inspektor (oder einen Aufruf im Verlauf) mit der rechten Maustaste anklicken und »Beobachten« wählen.</translation>
    </message>
    <message>
        <source>Numbers of the selected watch are charted here over time.</source>
        <translation>Zahlen der gewählten Beobachtung werden hier über der Zeit gezeichnet.</translation>
    </message>
    <message>
        <source>Watch chart</source>
        <translation>Beobachtungsdiagramm</translation>
    </message>
</context>
<context>
    <name>Pyro::Ui::WatchList</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Changed %1; last reply %2</source>
        <translation>Geändert %1; letzte Antwort %2</translation>
    </message>
    <message>
        <source>Watch</source>
        <translation>Beobachtung</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Explorer for Pyro4 remote objects</source>
        <translation>Explorer für entfernte Pyro4-Objekte</translation>
    </message>
    <message>
        <source>Start the embedded name server and demo objects and show them.</source>
        <translation>Den eingebauten Nameserver und die Demo-Objekte starten und anzeigen.</translation>
    </message>
    <message>
        <source>Open the name server at HOST[:PORT].</source>
        <translation>Den Nameserver unter HOST[:PORT] öffnen.</translation>
    </message>
    <message>
        <source>A PYRO:, PYRONAME: or PYROMETA: URI, or a pyroexplorer:// link, to open.</source>
        <translation>Eine zu öffnende PYRO:-, PYRONAME:- oder PYROMETA:-URI oder ein pyroexplorer://-Link.</translation>
    </message>
</context>
</TS>
