package io.procmesh.core.registry;

import java.lang.CharSequence;
import java.lang.IllegalArgumentException;
import java.lang.Object;
import java.lang.Override;
import java.lang.StringBuilder;
import net.openhft.chronicle.bytes.Byteable;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesMarshallable;
import net.openhft.chronicle.bytes.BytesOut;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.values.Copyable;

public class InstanceRecord$$Native implements InstanceRecord, Copyable<InstanceRecord>, BytesMarshallable, Byteable {
  private final StringBuilder _metadataBuilder = new StringBuilder(512);

  private final StringBuilder _inboxPathBuilder = new StringBuilder(512);

  private final StringBuilder _instanceIdBuilder = new StringBuilder(64);

  private final StringBuilder _serviceBuilder = new StringBuilder(64);

  private final StringBuilder _versionBuilder = new StringBuilder(32);

  private BytesStore bs;

  private long offset;

  @Override
  public long getHeartbeatNs() {
    return bs.readLong(offset + 0);
  }

  @Override
  public long getVolatileHeartbeatNs() {
    return bs.readVolatileLong(offset + 0);
  }

  @Override
  public void setOrderedHeartbeatNs(long _heartbeatNs) {
    bs.writeOrderedLong(offset + 0, _heartbeatNs);
  }

  @Override
  public long getDuplicates() {
    return bs.readLong(offset + 8);
  }

  @Override
  public long getVolatileDuplicates() {
    return bs.readVolatileLong(offset + 8);
  }

  @Override
  public long addAtomicDuplicates(long addition) {
    return bs.addAndGetLong(offset + 8, addition);
  }

  @Override
  public long getRegistrations() {
    return bs.readLong(offset + 16);
  }

  @Override
  public long addAtomicRegistrations(long addition) {
    return bs.addAndGetLong(offset + 16, addition);
  }

  @Override
  public long getTimeouts() {
    return bs.readLong(offset + 24);
  }

  @Override
  public long getVolatileTimeouts() {
    return bs.readVolatileLong(offset + 24);
  }

  @Override
  public long addAtomicTimeouts(long addition) {
    return bs.addAndGetLong(offset + 24, addition);
  }

  @Override
  public long getInboxBacklog() {
    return bs.readLong(offset + 32);
  }

  @Override
  public long getVolatileInboxBacklog() {
    return bs.readVolatileLong(offset + 32);
  }

  @Override
  public void setOrderedInboxBacklog(long _inboxBacklog) {
    bs.writeOrderedLong(offset + 32, _inboxBacklog);
  }

  @Override
  public long getLastHandledIndex() {
    return bs.readLong(offset + 40);
  }

  @Override
  public long getVolatileLastHandledIndex() {
    return bs.readVolatileLong(offset + 40);
  }

  @Override
  public void setOrderedLastHandledIndex(long _lastHandledIndex) {
    bs.writeOrderedLong(offset + 40, _lastHandledIndex);
  }

  @Override
  public long getDecodeErrors() {
    return bs.readLong(offset + 48);
  }

  @Override
  public long getVolatileDecodeErrors() {
    return bs.readVolatileLong(offset + 48);
  }

  @Override
  public long addAtomicDecodeErrors(long addition) {
    return bs.addAndGetLong(offset + 48, addition);
  }

  @Override
  public long getRequestsOut() {
    return bs.readLong(offset + 56);
  }

  @Override
  public long getVolatileRequestsOut() {
    return bs.readVolatileLong(offset + 56);
  }

  @Override
  public long addAtomicRequestsOut(long addition) {
    return bs.addAndGetLong(offset + 56, addition);
  }

  @Override
  public long getErrors() {
    return bs.readLong(offset + 64);
  }

  @Override
  public long getVolatileErrors() {
    return bs.readVolatileLong(offset + 64);
  }

  @Override
  public long addAtomicErrors(long addition) {
    return bs.addAndGetLong(offset + 64, addition);
  }

  @Override
  public long getLateReplies() {
    return bs.readLong(offset + 72);
  }

  @Override
  public long getVolatileLateReplies() {
    return bs.readVolatileLong(offset + 72);
  }

  @Override
  public long addAtomicLateReplies(long addition) {
    return bs.addAndGetLong(offset + 72, addition);
  }

  @Override
  public long getRequestsIn() {
    return bs.readLong(offset + 80);
  }

  @Override
  public long getVolatileRequestsIn() {
    return bs.readVolatileLong(offset + 80);
  }

  @Override
  public long addAtomicRequestsIn(long addition) {
    return bs.addAndGetLong(offset + 80, addition);
  }

  @Override
  public int getStatus() {
    return bs.readInt(offset + 88);
  }

  @Override
  public int getVolatileStatus() {
    return bs.readVolatileInt(offset + 88);
  }

  @Override
  public void setStatus(int _status) {
    bs.writeInt(offset + 88, _status);
  }

  @Override
  public void setOrderedStatus(int _status) {
    bs.writeOrderedInt(offset + 88, _status);
  }

  @Override
  public CharSequence getMetadata() {
    if (bs.readUtf8Limited(offset + 92, _metadataBuilder, 512) > 0) {
      return _metadataBuilder;
    } else {
      return null;
    }
  }

  @Override
  public void setMetadata(CharSequence _metadata) {
    long __endmetadata = bs.writeUtf8Limited(offset + 92, _metadata, 512);
    bs.zeroOut(__endmetadata, offset + 606);
  }

  @Override
  public CharSequence getInboxPath() {
    if (bs.readUtf8Limited(offset + 606, _inboxPathBuilder, 512) > 0) {
      return _inboxPathBuilder;
    } else {
      return null;
    }
  }

  @Override
  public void setInboxPath(CharSequence _inboxPath) {
    long __endinboxPath = bs.writeUtf8Limited(offset + 606, _inboxPath, 512);
    bs.zeroOut(__endinboxPath, offset + 1120);
  }

  @Override
  public CharSequence getInstanceId() {
    if (bs.readUtf8Limited(offset + 1120, _instanceIdBuilder, 64) > 0) {
      return _instanceIdBuilder;
    } else {
      return null;
    }
  }

  @Override
  public void setInstanceId(CharSequence _instanceId) {
    long __endinstanceId = bs.writeUtf8Limited(offset + 1120, _instanceId, 64);
    bs.zeroOut(__endinstanceId, offset + 1185);
  }

  @Override
  public CharSequence getService() {
    if (bs.readUtf8Limited(offset + 1185, _serviceBuilder, 64) > 0) {
      return _serviceBuilder;
    } else {
      return null;
    }
  }

  @Override
  public void setService(CharSequence _service) {
    long __endservice = bs.writeUtf8Limited(offset + 1185, _service, 64);
    bs.zeroOut(__endservice, offset + 1250);
  }

  @Override
  public CharSequence getVersion() {
    if (bs.readUtf8Limited(offset + 1250, _versionBuilder, 32) > 0) {
      return _versionBuilder;
    } else {
      return null;
    }
  }

  @Override
  public void setVersion(CharSequence _version) {
    long __endversion = bs.writeUtf8Limited(offset + 1250, _version, 32);
    bs.zeroOut(__endversion, offset + 1283);
  }

  @Override
  public long getBootId() {
    return bs.readLong(offset + 1283);
  }

  @Override
  public void setBootId(long _bootId) {
    bs.writeLong(offset + 1283, _bootId);
  }

  @Override
  public long getStartTimeMs() {
    return bs.readLong(offset + 1291);
  }

  @Override
  public void setStartTimeMs(long _startTimeMs) {
    bs.writeLong(offset + 1291, _startTimeMs);
  }

  @Override
  public long getPid() {
    return bs.readLong(offset + 1299);
  }

  @Override
  public void setPid(long _pid) {
    bs.writeLong(offset + 1299, _pid);
  }

  @Override
  public void copyFrom(InstanceRecord from) {
    if (from instanceof InstanceRecord$$Native) {
      bs.write(offset, ((InstanceRecord$$Native) from).bytesStore(), ((InstanceRecord$$Native) from).offset(), 1307);
    } else {
       {
        long _heartbeatNs = from.getHeartbeatNs();
        bs.writeLong(offset + 0, _heartbeatNs);
      }
       {
        long _duplicates = from.getDuplicates();
        bs.writeLong(offset + 8, _duplicates);
      }
       {
        long _registrations = from.getRegistrations();
        bs.writeLong(offset + 16, _registrations);
      }
       {
        long _timeouts = from.getTimeouts();
        bs.writeLong(offset + 24, _timeouts);
      }
       {
        long _inboxBacklog = from.getInboxBacklog();
        bs.writeLong(offset + 32, _inboxBacklog);
      }
       {
        long _lastHandledIndex = from.getLastHandledIndex();
        bs.writeLong(offset + 40, _lastHandledIndex);
      }
       {
        long _decodeErrors = from.getDecodeErrors();
        bs.writeLong(offset + 48, _decodeErrors);
      }
       {
        long _requestsOut = from.getRequestsOut();
        bs.writeLong(offset + 56, _requestsOut);
      }
       {
        long _errors = from.getErrors();
        bs.writeLong(offset + 64, _errors);
      }
       {
        long _lateReplies = from.getLateReplies();
        bs.writeLong(offset + 72, _lateReplies);
      }
       {
        long _requestsIn = from.getRequestsIn();
        bs.writeLong(offset + 80, _requestsIn);
      }
       {
        setStatus(from.getStatus());
      }
       {
        long __endmetadata = bs.writeUtf8Limited(offset + 92, from.getMetadata(), 512);
        bs.zeroOut(__endmetadata, offset + 606);
      }
       {
        long __endinboxPath = bs.writeUtf8Limited(offset + 606, from.getInboxPath(), 512);
        bs.zeroOut(__endinboxPath, offset + 1120);
      }
       {
        long __endinstanceId = bs.writeUtf8Limited(offset + 1120, from.getInstanceId(), 64);
        bs.zeroOut(__endinstanceId, offset + 1185);
      }
       {
        long __endservice = bs.writeUtf8Limited(offset + 1185, from.getService(), 64);
        bs.zeroOut(__endservice, offset + 1250);
      }
       {
        long __endversion = bs.writeUtf8Limited(offset + 1250, from.getVersion(), 32);
        bs.zeroOut(__endversion, offset + 1283);
      }
       {
        setBootId(from.getBootId());
      }
       {
        setStartTimeMs(from.getStartTimeMs());
      }
       {
        setPid(from.getPid());
      }
    }
  }

  @Override
  public void writeMarshallable(BytesOut bytes) {
     {
      bytes.writeLong(bs.readLong(offset + 0));
    }
     {
      bytes.writeLong(bs.readLong(offset + 8));
    }
     {
      bytes.writeLong(bs.readLong(offset + 16));
    }
     {
      bytes.writeLong(bs.readLong(offset + 24));
    }
     {
      bytes.writeLong(bs.readLong(offset + 32));
    }
     {
      bytes.writeLong(bs.readLong(offset + 40));
    }
     {
      bytes.writeLong(bs.readLong(offset + 48));
    }
     {
      bytes.writeLong(bs.readLong(offset + 56));
    }
     {
      bytes.writeLong(bs.readLong(offset + 64));
    }
     {
      bytes.writeLong(bs.readLong(offset + 72));
    }
     {
      bytes.writeLong(bs.readLong(offset + 80));
    }
     {
      bytes.writeInt(bs.readInt(offset + 88));
    }
     {
      if (bs.readUtf8Limited(offset + 92, _metadataBuilder, 512) > 0) {
        bytes.writeUtf8(_metadataBuilder);
      } else {
        bytes.writeUtf8(null);
      }
    }
     {
      if (bs.readUtf8Limited(offset + 606, _inboxPathBuilder, 512) > 0) {
        bytes.writeUtf8(_inboxPathBuilder);
      } else {
        bytes.writeUtf8(null);
      }
    }
     {
      if (bs.readUtf8Limited(offset + 1120, _instanceIdBuilder, 64) > 0) {
        bytes.writeUtf8(_instanceIdBuilder);
      } else {
        bytes.writeUtf8(null);
      }
    }
     {
      if (bs.readUtf8Limited(offset + 1185, _serviceBuilder, 64) > 0) {
        bytes.writeUtf8(_serviceBuilder);
      } else {
        bytes.writeUtf8(null);
      }
    }
     {
      if (bs.readUtf8Limited(offset + 1250, _versionBuilder, 32) > 0) {
        bytes.writeUtf8(_versionBuilder);
      } else {
        bytes.writeUtf8(null);
      }
    }
     {
      bytes.writeLong(bs.readLong(offset + 1283));
    }
     {
      bytes.writeLong(bs.readLong(offset + 1291));
    }
     {
      bytes.writeLong(bs.readLong(offset + 1299));
    }
  }

  @Override
  public void readMarshallable(BytesIn bytes) {
     {
      bs.writeLong(offset + 0, bytes.readLong());
    }
     {
      bs.writeLong(offset + 8, bytes.readLong());
    }
     {
      bs.writeLong(offset + 16, bytes.readLong());
    }
     {
      bs.writeLong(offset + 24, bytes.readLong());
    }
     {
      bs.writeLong(offset + 32, bytes.readLong());
    }
     {
      bs.writeLong(offset + 40, bytes.readLong());
    }
     {
      bs.writeLong(offset + 48, bytes.readLong());
    }
     {
      bs.writeLong(offset + 56, bytes.readLong());
    }
     {
      bs.writeLong(offset + 64, bytes.readLong());
    }
     {
      bs.writeLong(offset + 72, bytes.readLong());
    }
     {
      bs.writeLong(offset + 80, bytes.readLong());
    }
     {
      bs.writeInt(offset + 88, bytes.readInt());
    }
     {
      setMetadata(bytes.readUtf8(_metadataBuilder) ? _metadataBuilder : null);
    }
     {
      setInboxPath(bytes.readUtf8(_inboxPathBuilder) ? _inboxPathBuilder : null);
    }
     {
      setInstanceId(bytes.readUtf8(_instanceIdBuilder) ? _instanceIdBuilder : null);
    }
     {
      setService(bytes.readUtf8(_serviceBuilder) ? _serviceBuilder : null);
    }
     {
      setVersion(bytes.readUtf8(_versionBuilder) ? _versionBuilder : null);
    }
     {
      bs.writeLong(offset + 1283, bytes.readLong());
    }
     {
      bs.writeLong(offset + 1291, bytes.readLong());
    }
     {
      bs.writeLong(offset + 1299, bytes.readLong());
    }
  }

  @Override
  public boolean equals(Object obj) {
    if (!(obj instanceof InstanceRecord)) return false;
    InstanceRecord other = (InstanceRecord) obj;
     {
      if (getHeartbeatNs() != other.getHeartbeatNs()) return false;
    }
     {
      if (getDuplicates() != other.getDuplicates()) return false;
    }
     {
      if (getRegistrations() != other.getRegistrations()) return false;
    }
     {
      if (getTimeouts() != other.getTimeouts()) return false;
    }
     {
      if (getInboxBacklog() != other.getInboxBacklog()) return false;
    }
     {
      if (getLastHandledIndex() != other.getLastHandledIndex()) return false;
    }
     {
      if (getDecodeErrors() != other.getDecodeErrors()) return false;
    }
     {
      if (getRequestsOut() != other.getRequestsOut()) return false;
    }
     {
      if (getErrors() != other.getErrors()) return false;
    }
     {
      if (getLateReplies() != other.getLateReplies()) return false;
    }
     {
      if (getRequestsIn() != other.getRequestsIn()) return false;
    }
     {
      if (getStatus() != other.getStatus()) return false;
    }
     {
      CharSequence __othermetadata = other.getMetadata();
      if (__othermetadata != null && __othermetadata.length() > 512) return false;
      if (!bs.compareUtf8(offset + 92, __othermetadata)) return false;
    }
     {
      CharSequence __otherinboxPath = other.getInboxPath();
      if (__otherinboxPath != null && __otherinboxPath.length() > 512) return false;
      if (!bs.compareUtf8(offset + 606, __otherinboxPath)) return false;
    }
     {
      CharSequence __otherinstanceId = other.getInstanceId();
      if (__otherinstanceId != null && __otherinstanceId.length() > 64) return false;
      if (!bs.compareUtf8(offset + 1120, __otherinstanceId)) return false;
    }
     {
      CharSequence __otherservice = other.getService();
      if (__otherservice != null && __otherservice.length() > 64) return false;
      if (!bs.compareUtf8(offset + 1185, __otherservice)) return false;
    }
     {
      CharSequence __otherversion = other.getVersion();
      if (__otherversion != null && __otherversion.length() > 32) return false;
      if (!bs.compareUtf8(offset + 1250, __otherversion)) return false;
    }
     {
      if (getBootId() != other.getBootId()) return false;
    }
     {
      if (getStartTimeMs() != other.getStartTimeMs()) return false;
    }
     {
      if (getPid() != other.getPid()) return false;
    }
    return true;
  }

  @Override
  public int hashCode() {
    int hashCode = 1;
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getHeartbeatNs());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getDuplicates());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getRegistrations());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getTimeouts());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getInboxBacklog());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getLastHandledIndex());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getDecodeErrors());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getRequestsOut());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getErrors());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getLateReplies());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getRequestsIn());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Integer.hashCode(getStatus());
    }
    hashCode *= 1000003;
     {
      CharSequence __hashCodemetadata = null;
      if (bs.readUtf8Limited(offset + 92, _metadataBuilder, 512) > 0) {
        __hashCodemetadata = _metadataBuilder;
      }
      hashCode ^= net.openhft.chronicle.values.CharSequences.hashCode(__hashCodemetadata);
    }
    hashCode *= 1000003;
     {
      CharSequence __hashCodeinboxPath = null;
      if (bs.readUtf8Limited(offset + 606, _inboxPathBuilder, 512) > 0) {
        __hashCodeinboxPath = _inboxPathBuilder;
      }
      hashCode ^= net.openhft.chronicle.values.CharSequences.hashCode(__hashCodeinboxPath);
    }
    hashCode *= 1000003;
     {
      CharSequence __hashCodeinstanceId = null;
      if (bs.readUtf8Limited(offset + 1120, _instanceIdBuilder, 64) > 0) {
        __hashCodeinstanceId = _instanceIdBuilder;
      }
      hashCode ^= net.openhft.chronicle.values.CharSequences.hashCode(__hashCodeinstanceId);
    }
    hashCode *= 1000003;
     {
      CharSequence __hashCodeservice = null;
      if (bs.readUtf8Limited(offset + 1185, _serviceBuilder, 64) > 0) {
        __hashCodeservice = _serviceBuilder;
      }
      hashCode ^= net.openhft.chronicle.values.CharSequences.hashCode(__hashCodeservice);
    }
    hashCode *= 1000003;
     {
      CharSequence __hashCodeversion = null;
      if (bs.readUtf8Limited(offset + 1250, _versionBuilder, 32) > 0) {
        __hashCodeversion = _versionBuilder;
      }
      hashCode ^= net.openhft.chronicle.values.CharSequences.hashCode(__hashCodeversion);
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getBootId());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getStartTimeMs());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getPid());
    }
    return hashCode;
  }

  @Override
  public void bytesStore(BytesStore bytesStore, long offset, long length) {
    if (length != maxSize()) {
      throw new IllegalArgumentException("Constant size is 1307, given length is " + length);
    }
    this.bs = bytesStore;
        if (offset + length > bytesStore.capacity())
                throw new AssertionError();
    this.offset = offset;
  }

  @Override
  public BytesStore bytesStore() {
    return bs;
  }

  @Override
  public long offset() {
    return offset;
  }

  @Override
  public long maxSize() {
    return 1307;
  }
}
