/**
 * Voice guidance through the browser's speechSynthesis, off by default and switched on by the
 * resident. Speaks the language of the UI when the system has a voice for it; says nothing rather
 * than reading text in the wrong language's voice.
 */
export interface Speaker {
  speak(text: string, lang: string): void;
  cancel(): void;
}

function pickVoice(synth: SpeechSynthesis, lang: string): SpeechSynthesisVoice | null {
  const voices = synth.getVoices();
  const want = lang.toLowerCase();
  const base = want.split('-')[0]!;
  return (
    voices.find((v) => v.lang.toLowerCase() === want) ??
    voices.find((v) => v.lang.toLowerCase().startsWith(base)) ??
    null
  );
}

export function createSpeaker(synth: SpeechSynthesis | undefined = globalThis.speechSynthesis): Speaker {
  return {
    speak(text, lang) {
      if (!synth || !text.trim()) return;
      synth.cancel();
      const u = new SpeechSynthesisUtterance(text);
      u.lang = lang;
      u.rate = 0.9;
      const voice = pickVoice(synth, lang);
      if (voice) u.voice = voice;
      else if (synth.getVoices().length > 0) return;
      synth.speak(u);
    },
    cancel() {
      synth?.cancel();
    },
  };
}
