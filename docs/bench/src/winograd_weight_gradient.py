"""The padded 14x14 layer's weight gradient (64x32x14x14 -> 64, k5, padding 2) by Winograd F(2x2, 5x5)
(points 0, 1, -1, 2, -2 and infinity), in float32 and float64, against the direct sum in float64: how much
accuracy the transforms cost (docs/convolution.md, session 38). numpy only:
    /usr/bin/python3 docs/bench/src/winograd_weight_gradient.py
"""
import numpy as np, time
AT=np.array([[1,1,1,1,1,0],[0,1,-1,2,-2,1]],dtype=np.float64)
G=np.array([[1/4,0,0,0,0],[-1/6]*5,[-1/6,1/6,-1/6,1/6,-1/6],[1/24,1/12,1/6,1/3,2/3],[1/24,-1/12,1/6,-1/3,2/3],[0,0,0,0,1]])
BT=np.array([[4,0,-5,0,1,0],[0,-4,-4,1,1,0],[0,4,-4,-1,1,0],[0,-2,-1,2,1,0],[0,2,-1,-2,1,0],[0,4,0,-5,0,1]],dtype=np.float64)
rng=np.random.default_rng(1)
N,C,H,W,O,K,P=64,32,14,14,64,5,2
x=rng.standard_normal((N,C,H,W)); g=rng.standard_normal((N,O,H,W))
xp=np.pad(x,((0,0),(0,0),(P,P),(P,P)))
# direct reference gW[o,c,i,j] = sum_n,y,x g[n,o,y,x] xp[n,c,y+i,x+j]
def direct(xp,g):
    gw=np.zeros((O,C,K,K))
    for i in range(K):
        for j in range(K):
            gw[:,:,i,j]=np.einsum('noyx,ncyx->oc',g,xp[:,:,i:i+H,j:j+W])
    return gw
ref=direct(xp,g)
def wino(xp,g,dt):
    xp=xp.astype(dt); g=g.astype(dt); at=AT.astype(dt); gm=G.astype(dt); bt=BT.astype(dt)
    T=H//2
    # input tiles 6x6 at (2ty, 2tx): V = BT d B
    d=np.stack([np.stack([xp[:,:,2*ty:2*ty+6,2*tx:2*tx+6] for tx in range(T)],2) for ty in range(T)],2) # N,C,T,T,6,6
    V=np.einsum('ab,nctsbd,ed->nctsae',bt,d,bt) # BT d B
    gt=g.reshape(N,O,T,2,T,2).transpose(0,1,2,4,3,5) # N,O,T,T,2,2
    Gh=np.einsum('ba,notsbd,de->notsae',at,gt,at) # A gY A^T : A is 6x2 = at.T
    # dU[xi][o][c] = sum_n,t Gh * V
    dU=np.einsum('notsae,nctsae->ocae',Gh,V)
    gw=np.einsum('ai,ocae,ej->ocij',gm,dU,gm) # G^T dU G
    return gw
def nre(a,b): return np.linalg.norm(a-b)/np.linalg.norm(b)
w32=wino(xp,g,np.float32); w64=wino(xp,g,np.float64)
d32=direct(xp.astype(np.float32),g.astype(np.float32))
print("winograd f64 vs direct f64 normRelError %.2e" % nre(w64,ref))
print("winograd f32 vs direct f64 normRelError %.2e  max abs rel %.2e" % (nre(w32,ref), np.abs(w32-ref).max()/np.abs(ref).max()))
print("direct   f32 vs direct f64 normRelError %.2e" % nre(d32,ref))
