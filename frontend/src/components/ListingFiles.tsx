// Images and PDF documents of a listing: a gallery for readers, and for the
// owner's organisation an upload field, thumbnails with remove buttons and
// the list of documents.
//
// Files of a published listing are public, so visitors load them with plain
// <img src>. Owners and officers may see files that are not public yet: they
// fetch them with the session's token and show object URLs, revoked when the
// component goes away.
import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints, fileUrl } from '../api';
import { ApiError } from '../api/client';
import type { Listing } from '../api/types';
import { formatFileSize } from '../lib/format';
import { fieldMessage, problemMessage } from '../lib/messages';
import { ConfirmDialog } from './ConfirmDialog';
import { Dialog } from './Dialog';
import { openFile } from '../lib/download';

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const DOCUMENT_TYPE = 'application/pdf';
export const FILE_ACCEPT = [...IMAGE_TYPES, DOCUMENT_TYPE].join(',');
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 10;

const EXTENSIONS: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: DOCUMENT_TYPE,
};

/** The type the server will accept the file as, from its MIME type or, failing that, its extension. */
export function fileType(file: Pick<File, 'name' | 'type'>): string | undefined {
  const known = [...IMAGE_TYPES, DOCUMENT_TYPE] as string[];
  if (known.includes(file.type)) return file.type;
  if (file.type && file.type !== 'application/octet-stream') return undefined;
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  return EXTENSIONS[ext];
}

export type FileCheck =
  | { ok: true; image: boolean }
  | { ok: false; key: 'files.error.type' | 'files.error.imageSize' | 'files.error.documentSize' | 'files.error.tooManyImages' | 'files.error.tooManyDocuments' };

/** The server's limits, checked before uploading: type, size, and ten of each kind. */
export function checkFile(file: Pick<File, 'name' | 'type' | 'size'>, images: number, documents: number): FileCheck {
  const type = fileType(file);
  if (!type) return { ok: false, key: 'files.error.type' };
  const image = type !== DOCUMENT_TYPE;
  if (image && file.size > MAX_IMAGE_BYTES) return { ok: false, key: 'files.error.imageSize' };
  if (!image && file.size > MAX_DOCUMENT_BYTES) return { ok: false, key: 'files.error.documentSize' };
  if (image && images >= MAX_FILES) return { ok: false, key: 'files.error.tooManyImages' };
  if (!image && documents >= MAX_FILES) return { ok: false, key: 'files.error.tooManyDocuments' };
  return { ok: true, image };
}

/**
 * The address to show a file at: the public URL, or an object URL of the
 * bytes fetched with the session's token (revoked on unmount or change).
 */
export function useFileSrc(id: string | null, thumbnail: boolean, authed: boolean): { src?: string; failed: boolean } {
  const [state, setState] = useState<{ key: string; src?: string; failed: boolean }>({ key: '', failed: false });
  const key = `${id}|${thumbnail}|${authed}`;
  useEffect(() => {
    if (!id || !authed) return;
    let url: string | undefined;
    let live = true;
    endpoints.fileBlob(id, thumbnail).then(
      (blob) => {
        if (!live) return;
        url = URL.createObjectURL(blob);
        setState({ key, src: url, failed: false });
      },
      () => live && setState({ key, failed: true }),
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (!id) return { failed: false };
  if (!authed) return { src: fileUrl(id, thumbnail), failed: false };
  return state.key === key ? { src: state.src, failed: state.failed } : { failed: false };
}

/** A document's name and size, read from the headers of its download (unless they are known). */
function useFileInfo(id: string, authed: boolean, known = false): { name?: string; size?: number } {
  const [info, setInfo] = useState<{ name?: string; size?: number }>({});
  useEffect(() => {
    if (known) return;
    let live = true;
    endpoints.fileInfo(id, authed).then(
      (i) => live && setInfo(i),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [id, authed, known]);
  return info;
}

function Thumbnail({ id, authed, alt }: { id: string; authed: boolean; alt: string }) {
  const { t } = useTranslation();
  const { src, failed } = useFileSrc(id, true, authed);
  if (failed) return <span className="thumb-missing">{t('files.unavailable')}</span>;
  if (!src) return <span className="thumb-loading spinner" aria-hidden="true" />;
  return <img src={src} alt={alt} loading="lazy" decoding="async" />;
}

function FullImage({ id, authed, alt }: { id: string; authed: boolean; alt: string }) {
  const { t } = useTranslation();
  const { src, failed } = useFileSrc(id, false, authed);
  if (failed) return <p className="alert alert-error">{t('files.unavailable')}</p>;
  if (!src) return <p className="loading"><span className="spinner" aria-hidden="true" /> {t('app.loading')}</p>;
  return <img className="lightbox-image" src={src} alt={alt} />;
}

/** Thumbnails that open the full image in a dialog; optionally each with a remove button. */
function ImageGrid({
  images,
  authed,
  title,
  onRemove,
}: {
  images: string[];
  authed: boolean;
  title: string;
  onRemove?: (id: string, index: number) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  if (images.length === 0) return null;
  const alt = (i: number) => t('files.imageAlt', { title, n: i + 1 });
  return (
    <>
      <ul className="thumb-grid">
        {images.map((id, i) => (
          <li key={id} className="thumb">
            <button type="button" className="thumb-open" onClick={() => setOpen(i)} aria-label={t('files.openImage', { n: i + 1 })}>
              <Thumbnail id={id} authed={authed} alt={alt(i)} />
            </button>
            {onRemove && (
              <button
                type="button"
                className="btn btn-danger btn-small thumb-remove"
                onClick={() => onRemove(id, i)}
                aria-label={t('files.removeImage', { n: i + 1 })}
              >
                {t('files.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <Dialog open={open !== null} title={open !== null ? alt(open) : ''} onClose={() => setOpen(null)}>
        {open !== null && (
          <div className="lightbox">
            <FullImage id={images[open]} authed={authed} alt={alt(open)} />
            {images.length > 1 && (
              <p className="actions lightbox-nav">
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  onClick={() => setOpen((open + images.length - 1) % images.length)}
                >
                  {t('files.previous')}
                </button>
                <span className="muted">{t('files.position', { n: open + 1, total: images.length })}</span>
                <button type="button" className="btn btn-secondary btn-small" onClick={() => setOpen((open + 1) % images.length)}>
                  {t('files.next')}
                </button>
              </p>
            )}
          </div>
        )}
      </Dialog>
    </>
  );
}

export function DocumentItem({
  id,
  index,
  authed,
  known,
  onRemove,
}: {
  id: string;
  index: number;
  authed: boolean;
  /** Name and size when the record carries them (transfer documents). */
  known?: { name: string; size?: number };
  onRemove?: (id: string, name: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const fetched = useFileInfo(id, authed, !!known);
  const info = known ?? fetched;
  const [error, setError] = useState<string | null>(null);
  const name = info.name ?? t('files.documentN', { n: index + 1 });
  // The badge names the file's type from its name (a certificate may be a
  // scanned image); documents without a known name are PDFs.
  const badge = /\.([a-z0-9]{2,4})$/i.exec(info.name ?? '')?.[1]?.toUpperCase() ?? 'PDF';

  async function download() {
    setError(null);
    try {
      await openFile(async () => ({ blob: await endpoints.fileBlob(id) }), name);
    } catch (err) {
      setError(problemMessage(t, err));
    }
  }

  return (
    <li className="doc-item">
      <span className="doc-icon" aria-hidden="true">{badge}</span>
      <span className="doc-name">
        <span className="strong break">{name}</span>
        {info.size !== undefined && <span className="muted small"> · {formatFileSize(info.size, i18n.language)}</span>}
        {error && <span className="field-error small">{error}</span>}
      </span>
      <span className="doc-actions">
        {authed ? (
          <button type="button" className="btn btn-secondary btn-small" onClick={() => void download()} aria-label={t('files.downloadNamed', { name })}>
            {t('files.download')}
          </button>
        ) : (
          <a className="btn btn-secondary btn-small" href={fileUrl(id)} download={name} aria-label={t('files.downloadNamed', { name })}>
            {t('files.download')}
          </a>
        )}
        {onRemove && (
          <button
            type="button"
            className="btn btn-danger btn-small"
            onClick={() => onRemove(id, name)}
            aria-label={t('files.removeNamed', { name })}
          >
            {t('files.remove')}
          </button>
        )}
      </span>
    </li>
  );
}

function DocumentList({
  ids,
  authed,
  onRemove,
}: {
  ids: string[];
  authed: boolean;
  onRemove?: (id: string, name: string) => void;
}) {
  if (ids.length === 0) return null;
  return (
    <ul className="doc-list">
      {ids.map((id, i) => (
        <DocumentItem key={id} id={id} index={i} authed={authed} onRemove={onRemove} />
      ))}
    </ul>
  );
}

/** The listing's images and documents for readers; nothing when it has none. */
export function ListingGallery({ listing, authed }: { listing: Listing; authed: boolean }) {
  const { t } = useTranslation();
  const images = listing.images ?? [];
  const docs = listing.attachments ?? [];
  if (images.length === 0 && docs.length === 0) return null;
  return (
    <section className="listing-section listing-files" aria-labelledby="files-title">
      <h2 id="files-title">{t('files.title')}</h2>
      <ImageGrid images={images} authed={authed} title={listing.title} />
      {docs.length > 0 && (
        <>
          <h3>{t('files.documents')}</h3>
          <DocumentList ids={docs} authed={authed} />
        </>
      )}
    </section>
  );
}

type Removing = { id: string; label: string };

/**
 * The owner's editor: choose a file, check it against the server's limits,
 * upload it, and remove files. A published listing goes back to moderation
 * when a file is added, so that asks first. `onChanged` reloads the listing.
 */
export function ListingFilesEditor({
  listing,
  onChanged,
}: {
  listing: Listing;
  onChanged: (message: string) => Promise<void> | void;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const images = listing.images ?? [];
  const docs = listing.attachments ?? [];
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const [pending, setPending] = useState<File | null>(null);
  const [removing, setRemoving] = useState<Removing | null>(null);
  const [removeBusy, setRemoveBusy] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const published = listing.state === 'published';

  function reset() {
    if (input.current) input.current.value = '';
  }

  function chosen(file: File | undefined) {
    setError(null);
    if (!file) return;
    const check = checkFile(file, images.length, docs.length);
    if (!check.ok) {
      setError(t(check.key, { name: file.name, max: MAX_FILES }));
      reset();
      return;
    }
    if (published) {
      setPending(file);
      return;
    }
    void upload(file);
  }

  async function upload(file: File) {
    setPending(null);
    setUploading(file.name);
    try {
      const saved = await endpoints.uploadFile(listing.id, file);
      await onChanged(
        published ? t('files.uploadedResubmitted', { name: saved.name }) : t('files.uploaded', { name: saved.name }),
      );
    } catch (err) {
      setError(uploadError(err));
    } finally {
      setUploading(null);
      reset();
    }
  }

  function uploadError(err: unknown): string {
    if (err instanceof ApiError) {
      const fe = err.errors.find((e) => e.field === 'file') ?? err.errors[0];
      if (fe) {
        return fieldMessage(t, fe) ?? problemMessage(t, err);
      }
    }
    return problemMessage(t, err);
  }

  async function remove(r: Removing) {
    setRemoveBusy(true);
    setRemoveError(null);
    try {
      await endpoints.deleteFile(listing.id, r.id);
      setRemoving(null);
      await onChanged(t('files.removed', { name: r.label }));
    } catch (err) {
      setRemoveError(problemMessage(t, err));
    } finally {
      setRemoveBusy(false);
    }
  }

  const busy = uploading !== null;
  return (
    <section className="listing-section listing-files files-editor" aria-labelledby="files-editor-title" aria-busy={busy}>
      <h2 id="files-editor-title">{t('files.title')}</h2>
      <p className="muted">{t('files.intro')}</p>
      {published && <p className="alert alert-warning">{t('files.publishedWarning')}</p>}
      <FilePicker
        hint={t('files.hint', { images: images.length, documents: docs.length, max: MAX_FILES })}
        error={error}
        uploading={uploading}
        onChosen={chosen}
        inputRef={input}
      />

      {images.length === 0 && docs.length === 0 ? (
        <p className="muted empty-files">{t('files.none')}</p>
      ) : (
        <>
          {images.length > 0 && <h3>{t('files.images')}</h3>}
          <ImageGrid
            images={images}
            authed
            title={listing.title}
            onRemove={(id, i) => {
              setRemoveError(null);
              setRemoving({ id, label: t('files.imageN', { n: i + 1 }) });
            }}
          />
          {docs.length > 0 && <h3>{t('files.documents')}</h3>}
          <DocumentList
            ids={docs}
            authed
            onRemove={(id, name) => {
              setRemoveError(null);
              setRemoving({ id, label: name });
            }}
          />
        </>
      )}

      <ConfirmDialog
        open={pending !== null}
        title={t('files.republishTitle')}
        confirmLabel={t('files.uploadAnyway')}
        onConfirm={() => pending && void upload(pending)}
        onClose={() => {
          setPending(null);
          reset();
        }}
      >
        <p>{t('files.publishedWarning')}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={removing !== null}
        title={removing ? t('files.removeTitle', { name: removing.label }) : ''}
        confirmLabel={t('files.remove')}
        danger
        busy={removeBusy}
        error={removeError}
        onConfirm={() => removing && void remove(removing)}
        onClose={() => setRemoving(null)}
      >
        <p>{t('files.removeText')}</p>
      </ConfirmDialog>
    </section>
  );
}

/**
 * "Chọn tệp": the native file input hidden visually (still focusable) behind
 * our own button, the limits as a hint, the error and the upload in progress.
 */
export function FilePicker({
  hint,
  error,
  uploading,
  onChosen,
  inputRef,
  label,
  id,
}: {
  hint: string;
  error: string | null;
  /** The name of the file being uploaded. */
  uploading: string | null;
  onChosen: (file: File | undefined) => void;
  inputRef: RefObject<HTMLInputElement | null>;
  label?: ReactNode;
  /** The input's id, when a form focuses it (an error summary's link). */
  id?: string;
}) {
  const { t } = useTranslation();
  const ownId = useId();
  const inputId = id ?? ownId;
  const hintId = useId();
  const errorId = useId();
  const busy = uploading !== null;
  return (
    <div className={`field file-field${error ? ' has-error' : ''}`}>
      <label htmlFor={inputId}>{label ?? t('files.choose')}</label>
      <p id={hintId} className="hint">
        {hint}
      </p>
      {/* The native control's "Choose file" text follows the browser's language, not ours:
          it is hidden visually (still focusable) and shown as our own button. */}
      <input
        ref={inputRef}
        className="visually-hidden file-input"
        id={inputId}
        type="file"
        accept={FILE_ACCEPT}
        disabled={busy}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChosen(e.currentTarget.files?.[0])}
      />
      <span className={`btn btn-secondary file-pick${busy ? ' is-disabled' : ''}`} aria-hidden="true" onClick={() => !busy && inputRef.current?.click()}>
        <span className="file-pick-icon" aria-hidden="true">+</span> {t('files.pick')}
      </span>
      <div role="alert" aria-live="assertive" id={errorId}>
        {error ? <p className="field-error">{error}</p> : null}
      </div>
      {busy && (
        <p className="loading upload-busy" role="status">
          <span className="spinner" aria-hidden="true" /> {t('files.uploading', { name: uploading })}
        </p>
      )}
    </div>
  );
}
