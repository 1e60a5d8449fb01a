import { readFile } from "node:fs/promises";
import { createSession, type DeviceRequest, type InferenceSession } from "../../onnx-runtime/create-session";
import { splitTalknetModel } from "./split-talknet-model";

export interface CreateTalknetSessionsOptions {
  /** A built TalkNet model: the .onnx path (e.g. resolveTalknetModel().path) or its bytes. */
  model: string | Uint8Array;
  /** Also open the whole graph (needed only by scoring strategy "naive"). */
  includeFull?: boolean;
  device?: DeviceRequest;
  threads?: number;
}

/** The sessions scoreTalknetTrack runs. */
export interface TalknetScoringSessions {
  /** video_padded → visual_frontend512: the per-frame visual frontend (see computeTalknetFrontend). */
  frontend: InferenceSession;
  /** audio + visual_frontend512 → logits, features, … */
  head: InferenceSession;
  /** The whole graph: audio + video → logits, … */
  full?: InferenceSession;
}

export interface TalknetSessionSet extends TalknetScoringSessions {
  release(): Promise<void>;
}

/** Opens the split TalkNet model (and optionally the whole one) on one device. */
export async function createTalknetSessions(
  options: CreateTalknetSessionsOptions,
): Promise<TalknetSessionSet> {
  const bytes =
    typeof options.model === "string" ? new Uint8Array(await readFile(options.model)) : options.model;
  const parts = splitTalknetModel({ model: bytes });
  const open = (model: Uint8Array) =>
    createSession({
      model,
      ...(options.device ? { device: options.device } : {}),
      ...(options.threads ? { threads: options.threads } : {}),
    });
  const opened: InferenceSession[] = [];
  const track = async (model: Uint8Array) => {
    const session = await open(model);
    opened.push(session);
    return session;
  };
  try {
    const frontend = await track(parts.frontend);
    const head = await track(parts.head);
    const full = options.includeFull ? await track(bytes) : undefined;
    return {
      frontend,
      head,
      ...(full ? { full } : {}),
      release: async () => {
        for (const session of opened) await session.release();
      },
    };
  } catch (error) {
    for (const session of opened) await session.release();
    throw error;
  }
}
